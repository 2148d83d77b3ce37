package cn.zoufang.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;

import cn.zoufang.demo.DemoData;
import cn.zoufang.notify.FakeFcmServer;
import cn.zoufang.notify.vendor.FakeVendorPush;
import cn.zoufang.testsupport.LocalServices;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Real service processes (the packaged jar, as production runs it) against one PostgreSQL and one S3
 * server of their own, dispatching pushes through the real Firebase Admin SDK to a local FCM HTTP v1
 * server (a service account whose OAuth token and FCM requests go there). Runs after packaging
 * ({@code ./mvnw verify}); the subclasses start the instances they need.
 */
abstract class PackagedServiceIT {


    static final Path PROJECT = Path.of(System.getProperty("zoufang.project.dir", ".")).toAbsolutePath();
    static final String PASSWORD = "Zoufang@2026";

    static Path work;
    static LocalServices services;
    static FakeFcmServer fcm;
    /** The phone makers' push services, which every instance is configured to reach. */
    static FakeVendorPush vendors;
    static final List<Process> instances = new ArrayList<>();
    static final List<String> urls = new ArrayList<>();
    /** Each instance's management interface (health, metrics), a port of its own as in production. */
    static final List<String> managementUrls = new ArrayList<>();

    /** Starts PostgreSQL, S3, the local FCM server and {@code n} instances; {@code extra} are system properties. */
    static void startInstances(String name, int n, String... extra) throws Exception {
        Path jar = PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first (./mvnw verify does)");
        work = Files.createTempDirectory(PROJECT.resolve("target"), name + "-");
        services = LocalServices.start(work, 0, 0, false);
        fcm = new FakeFcmServer();
        vendors = new FakeVendorPush();
        account = serviceAccount(work, fcm.baseUrl() + "/token");
        extraProperties = List.of(extra);
        for (int i = 0; i < n; i++) {
            int port = freePort();
            urls.add("http://127.0.0.1:" + port);
            managementUrls.add("http://127.0.0.1:" + freePort());
            instances.add(startInstance(i, port));
        }
    }

    static List<String> extraProperties = List.of();

    static Path account;

    static Process startInstance(int i, int port) throws Exception {
        Path jar = PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        services.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
        vendors.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                // Production's configuration (the it profile's parent), with the demo accounts to log in with.
                "-Dquarkus.profile=it",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + URI.create(managementUrls.get(i)).getPort(),
                // The first instance loads the demo accounts; the second finds them in the database.
                "-Dzoufang.demo.enabled=" + (i == 0),
                "-Dzoufang.auth.password-iterations=10000",
                "-Dmp.jwt.verify.publickey.location=" + PROJECT.resolve("src/test/resources/keys/test-jwt-public.pem"),
                "-Dsmallrye.jwt.sign.key.location=" + PROJECT.resolve("src/test/resources/keys/test-jwt-private.pem"),
                "-Dzoufang.push.credentials-file=" + account,
                "-Dzoufang.push.fcm-url=" + fcm.baseUrl(),
                "-Dzoufang.push.dispatch-every=1s",
                "-Dzoufang.push.quiet-from=00:00", "-Dzoufang.push.quiet-until=00:00",
                "-Dzoufang.ledger.escalation-every=2s", "-Dzoufang.ledger.escalation-delay=1s"));
        extraProperties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", jar.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("instance-" + (char) ('a' + i) + ".log").toFile()))
                .start();
        String management = managementUrls.get(i);
        awaitTrue(Duration.ofSeconds(90), () -> ready(management), "instance " + i + " ready (see " + work + ")");
        return p;
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(Process::destroy);
        for (Process p : instances) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fcm != null) {
            fcm.stop();
        }
        if (vendors != null) {
            vendors.stop();
        }
        if (services != null) {
            services.close();
        }
        instances.clear();
        urls.clear();
        managementUrls.clear();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Everything production needs, as production gives it (the environment): these services and the test keys. */
    static Map<String, String> productionEnvironment() {
        Map<String, String> c = services.config();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DB_USER", c.get("quarkus.datasource.username"));
        env.put("DB_PASSWORD", c.get("quarkus.datasource.password"));
        env.put("DB_MIGRATION_USER", c.get("quarkus.flyway.username"));
        env.put("DB_MIGRATION_PASSWORD", c.get("quarkus.flyway.password"));
        env.put("DB_REACTIVE_URL", c.get("quarkus.datasource.reactive.url"));
        env.put("DB_JDBC_URL", c.get("quarkus.datasource.jdbc.url"));
        env.put("OBJECT_STORE_URL", c.get("zoufang.object-store.endpoint"));
        env.put("OBJECT_STORE_ACCESS_KEY", c.get("zoufang.object-store.access-key"));
        env.put("OBJECT_STORE_SECRET_KEY", c.get("zoufang.object-store.secret-key"));
        env.put("JWT_PUBLIC_KEY", PROJECT.resolve("src/test/resources/keys/test-jwt-public.pem").toString());
        env.put("JWT_PRIVATE_KEY", PROJECT.resolve("src/test/resources/keys/test-jwt-private.pem").toString());
        return env;
    }

    static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether the instance with this management interface is ready. */
    static boolean ready(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** A service account like Google's, with its own key, whose token_uri is the local server. */
    static Path serviceAccount(Path dir, String tokenUri) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // The PEM as JSON carries it: line breaks written as \n escapes.
        String pem = ("-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
        String json = """
                {"type": "service_account", "project_id": "zoufang-it", "private_key_id": "it-key",
                 "private_key": "%s", "client_email": "push@zoufang-it.iam.gserviceaccount.com",
                 "client_id": "1", "token_uri": "%s"}""".formatted(pem, tokenUri);
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, json);
        return file;
    }

    static String login(String url, String phone) {
        return given().baseUri(url).contentType(ContentType.JSON).body(Map.of("phone", phone, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    static RequestSpecification as(String url, String token) {
        return given().baseUri(url).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    static long count(String sql) throws Exception {
        Map<String, String> c = services.config();
        try (Connection db = DriverManager.getConnection(c.get("quarkus.datasource.jdbc.url"),
                c.get("quarkus.datasource.username"), c.get("quarkus.datasource.password"));
                Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(String sql) throws Exception {
        Map<String, String> c = services.config();
        try (Connection db = DriverManager.getConnection(c.get("quarkus.datasource.jdbc.url"),
                c.get("quarkus.datasource.username"), c.get("quarkus.datasource.password"));
                Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** Registers a phone of 区经发局's handler (the department forwarded issues notify) with a new FCM token. */
    static String handlersDevice(String url, String tokenPrefix) {
        return handlersDevice(url, tokenPrefix, "ANDROID", "FCM");
    }

    /** A device of 区经发局's handler on that platform and push provider; @return its token */
    static String handlersDevice(String url, String tokenPrefix, String platform, String provider) {
        String token = tokenPrefix + "-" + provider.toLowerCase() + "-" + UUID.randomUUID();
        as(url, login(url, DemoData.DEPARTMENT)).body(Map.of("token", token, "platform", platform, "provider", provider))
                .put("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(200);
        return token;
    }

    /** The n-th enterprise of the office's list. */
    static String enterprise(String url, int n) {
        return as(url, login(url, DemoData.OFFICE)).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .statusCode(200).extract().path("items[" + n + "].id");
    }

    static String economyDepartment(String url) {
        return as(url, login(url, DemoData.OFFICE)).queryParam("limit", 100).get("/api/v1/departments").then()
                .statusCode(200).extract().path("items.find { it.name == '区经发局' }.id");
    }

    /** An issue registered on one instance and forwarded to 区经发局 on the other. */
    static String forwardedIssue(String registerOn, String forwardOn, String enterpriseId, String departmentId) {
        String id = UUID.randomUUID().toString();
        as(registerOn, login(registerOn, DemoData.DESK)).body(Map.of("id", id, "enterpriseId", enterpriseId,
                "category", "POLICY", "title", "两实例测试", "description", "两实例测试"))
                .post("/api/v1/issues").then().statusCode(201);
        as(forwardOn, login(forwardOn, DemoData.DESK)).header("If-Match", "\"0\"")
                .body(Map.of("leadDepartmentId", departmentId)).post("/api/v1/issues/" + id + "/forward")
                .then().statusCode(200);
        return id;
    }

}
