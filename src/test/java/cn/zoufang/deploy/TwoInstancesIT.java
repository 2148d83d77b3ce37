package cn.zoufang.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.notify.FakeFcmServer;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.LocalServices;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two real service processes (the packaged jar, as production runs it) against one PostgreSQL and one
 * S3 server, both dispatching pushes through the real Firebase Admin SDK (a service account whose OAuth
 * token and FCM requests go to a local FCM HTTP v1 server) and both running the scheduled jobs.
 * Runs after packaging ({@code ./mvnw verify}).
 */
class TwoInstancesIT {

    static final Path PROJECT = Path.of(System.getProperty("zoufang.project.dir", ".")).toAbsolutePath();
    static final String PASSWORD = "Zoufang@2026";

    static Path work;
    static LocalServices services;
    static FakeFcmServer fcm;
    static final List<Process> instances = new ArrayList<>();
    static final List<String> urls = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path jar = PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first (./mvnw verify does)");
        work = Files.createTempDirectory(PROJECT.resolve("target"), "two-instances-");
        services = LocalServices.start(work, 0, 0, false);
        fcm = new FakeFcmServer();
        account = serviceAccount(work, fcm.baseUrl() + "/token");
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            urls.add("http://127.0.0.1:" + port);
            instances.add(startInstance(i, port));
        }
    }

    static Path account;

    static Process startInstance(int i, int port) throws Exception {
        Path jar = PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        services.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                // The first instance loads the demo accounts; the second finds them in the database.
                "-Dzoufang.demo.enabled=" + (i == 0),
                "-Dzoufang.auth.password-iterations=10000",
                "-Dmp.jwt.verify.publickey.location=" + PROJECT.resolve("src/test/resources/keys/test-jwt-public.pem"),
                "-Dsmallrye.jwt.sign.key.location=" + PROJECT.resolve("src/test/resources/keys/test-jwt-private.pem"),
                "-Dzoufang.push.credentials-file=" + account,
                "-Dzoufang.push.fcm-url=" + fcm.baseUrl(),
                "-Dzoufang.push.dispatch-every=1s",
                "-Dzoufang.push.quiet-from=00:00", "-Dzoufang.push.quiet-until=00:00",
                "-Dzoufang.ledger.escalation-every=2s", "-Dzoufang.ledger.escalation-delay=1s",
                "-jar", jar.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("instance-" + (char) ('a' + i) + ".log").toFile()))
                .start();
        String url = "http://127.0.0.1:" + port;
        awaitTrue(Duration.ofSeconds(90), () -> ready(url), "instance " + i + " ready (see " + work + ")");
        return p;
    }

    @AfterAll
    static void stop() {
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
        if (services != null) {
            services.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

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

    // ---- the tests -------------------------------------------------------------------------------

    @Test
    void aLoginOnOneInstanceWorksOnTheOther() throws Exception {
        var tokens = given().baseUri(urls.get(0)).contentType(ContentType.JSON)
                .body(Map.of("phone", DemoData.OFFICE, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().jsonPath();
        String requestId = "two-instances-" + UUID.randomUUID();
        as(urls.get(1), tokens.getString("accessToken")).header("X-Request-Id", requestId).get("/api/v1/me")
                .then().statusCode(200);
        String refresh = tokens.getString("refreshToken");
        given().baseUri(urls.get(1)).contentType(ContentType.JSON).body(Map.of("refreshToken", refresh))
                .post("/api/v1/auth/refresh").then().statusCode(200);
        // The refresh token is spent for both: its second use, on the first instance, is a reuse.
        given().baseUri(urls.get(0)).contentType(ContentType.JSON).body(Map.of("refreshToken", refresh))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        // Production logs are JSON lines; the request's access-log line carries its id.
        awaitTrue(Duration.ofSeconds(10), () -> {
            try {
                return Files.readAllLines(work.resolve("instance-b.log")).stream()
                        .anyMatch(l -> l.startsWith("{") && l.contains("\"requestId\":\"" + requestId + "\""));
            } catch (java.io.IOException e) {
                return false;
            }
        }, "a JSON log line with the request id");
    }

    @Test
    void aSyncCursorWorksOnTheOtherInstanceAndAfterARestart() throws Exception {
        String a = urls.get(0);
        String b = urls.get(1);
        String cursor = as(a, login(a, DemoData.OFFICIAL_1)).queryParam("limit", 1000).get("/api/v1/sync")
                .then().statusCode(200).extract().path("cursor");
        String office = login(a, DemoData.OFFICE);
        String enterprise = as(a, office).body(Fixtures.enterprise("两实例同步测试企业", DemoData.demoCreditCode(7900)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String group = as(a, login(a, DemoData.LEADER_1)).get("/api/v1/me").then().extract().path("groups[0].id");
        as(a, office).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments")
                .then().statusCode(201);

        // The other process reads the first one's cursor.
        var page = as(b, login(b, DemoData.OFFICIAL_1)).queryParam("cursor", cursor).get("/api/v1/sync")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(page.getList("enterprises.id").contains(enterprise));

        // And after a restart of that process, its own cursor still works.
        instances.get(1).destroy();
        instances.get(1).waitFor();
        instances.set(1, startInstance(1, URI.create(b).getPort()));
        as(b, login(b, DemoData.OFFICIAL_1)).queryParam("cursor", page.getString("cursor")).get("/api/v1/sync")
                .then().statusCode(200);
    }

    @Test
    void bothInstancesDispatchAndNoPushIsSentTwice() throws Exception {
        String a = urls.get(0);
        String b = urls.get(1);
        String token = "two-instances-" + UUID.randomUUID();
        as(a, login(a, DemoData.DEPARTMENT)).body(Map.of("token", token, "platform", "ANDROID"))
                .put("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(200);
        String office = login(a, DemoData.OFFICE);
        String enterprise = as(a, office).queryParam("limit", 100).get("/api/v1/enterprises").then().statusCode(200)
                .extract().path("items[0].id");
        String economy = as(a, office).queryParam("limit", 100).get("/api/v1/departments").then()
                .extract().path("items.find { it.name == '区经发局' }.id");
        int issues = 24;
        for (int i = 0; i < issues; i++) {
            forwardedIssue(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, enterprise, economy);
        }
        awaitTrue(Duration.ofSeconds(60), () -> fcm.deliveredTo(token).size() >= issues, issues + " pushes");
        Thread.sleep(3000); // both dispatchers have run again meanwhile: nothing more may arrive
        List<String> ids = fcm.deliveredTo(token).stream()
                .map(r -> r.message().path("data").path("notificationId").asText()).toList();
        assertEquals(issues, ids.size(), "pushes received");
        assertEquals(issues, ids.stream().distinct().count(), "a notification was pushed twice");
        assertEquals(issues, count("select count(*) from push_delivery where status = 'SENT' and device_id in"
                + " (select id from device where token = '" + token + "')"));
        assertTrue(fcm.tokensIssued() >= 1, "the SDK took its OAuth token from the service account's token_uri");
    }

    @Test
    void theLadderNoticeGoesOutOnceThoughBothInstancesRunTheJob() throws Exception {
        String a = urls.get(0);
        String office = login(a, DemoData.OFFICE);
        String enterprise = as(a, office).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .extract().path("items[1].id");
        String economy = as(a, office).queryParam("limit", 100).get("/api/v1/departments").then()
                .extract().path("items.find { it.name == '区经发局' }.id");
        String issue = forwardedIssue(a, urls.get(1), enterprise, economy);
        // Ten days late: past the point where the office must supervise it.
        execute("update issue set due_date = current_date - 10 where id = '" + issue + "'");
        String handler = "(select id from account where phone = '" + DemoData.DEPARTMENT + "')";
        awaitTrue(Duration.ofSeconds(30), () -> {
            try {
                return count("select count(*) from notification where object_id = '" + issue
                        + "' and type = 'ISSUE_NEEDS_SUPERVISION' and account_id = " + handler) > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the supervision notice");
        Thread.sleep(5000); // several more runs of the job on both instances
        assertEquals(1, count("select count(*) from notification where object_id = '" + issue
                + "' and type = 'ISSUE_NEEDS_SUPERVISION' and account_id = " + handler));
    }
}
