package cn.zoufang.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.notify.sms.FakeAliyunSms;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A new zone's first day, on the packaged service in the production profile and an empty database: the
 * bootstrap admin (a refused one-time password stops the start), the forced password change, the office's
 * account, a thousand enterprises with their contacts in one import, a contact activating with the credit
 * code and an SMS code sent through the real SMS client, and the refusals around it.
 */
class FirstDayIT extends PackagedServiceIT {

    private static final String ADMIN_PHONE = "13900000001";
    private static final String BOOTSTRAP_PASSWORD = "Kaiqu-Diyitian-2026!";
    private static FakeAliyunSms sms;
    private static Process service;
    private static String url;

    @BeforeAll
    static void emptyDatabase() throws Exception {
        startInstances("first-day", 0);
        sms = new FakeAliyunSms();
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (sms != null) {
            sms.stop();
        }
    }

    /** Production's settings as production gives them (the environment), plus these. */
    private static ProcessBuilder production(String name, Map<String, String> extra, int port, int managementPort) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                // Codes a few seconds apart instead of a minute, so the test need not wait; SMS as the fake takes them.
                "-Dzoufang.auth.codes.phone-interval=PT5S", "-Dzoufang.sms.per-phone-per-minute=10",
                "-Dzoufang.sms.dispatch-every=1s"));
        sms.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
        builder.environment().remove("QUARKUS_PROFILE");
        Map<String, String> env = builder.environment();
        env.putAll(productionEnvironment());
        env.putAll(extra);
        return builder;
    }

    private static void start(Map<String, String> bootstrap) throws Exception {
        int port = freePort();
        String management = "http://127.0.0.1:" + freePort();
        service = production("service", bootstrap, port, URI.create(management).getPort()).start();
        url = "http://127.0.0.1:" + port;
        awaitTrue(Duration.ofSeconds(90), () -> ready(management), "the service ready (see " + work + ")");
    }

    private static JsonPath post(String path, Object body) {
        return given().baseUri(url).contentType(ContentType.JSON).body(body).post(path).then().extract().jsonPath();
    }

    private static String smsCode(String phone, int nth) throws InterruptedException {
        awaitTrue(Duration.ofSeconds(30), () -> sms.sentTo(phone).size() >= nth, nth + " SMS to the contact");
        return JsonPath.from(sms.sentTo(phone).get(nth - 1).templateParam()).getString("code");
    }

    @Test
    void aNewZoneStartsFromAnEmptyDatabase() throws Exception {
        // A one-time password the policy refuses stops the start, and no admin is made.
        Process refused = production("weak-bootstrap", Map.of("ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE", ADMIN_PHONE,
                "ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD", "admin123456"), freePort(), freePort()).start();
        assertTrue(refused.waitFor(120, TimeUnit.SECONDS), "it should have refused to start");
        assertNotEquals(0, refused.exitValue());
        assertTrue(Files.readString(work.resolve("weak-bootstrap.log")).contains("ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD"));
        assertEquals(0, count("select count(*) from account"));

        start(Map.of("ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE", ADMIN_PHONE, "ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD));
        assertEquals(1, count("select count(*) from account"));
        assertEquals(0, count("select count(*) from account where phone = '" + DemoData.ADMIN + "'"));
        assertTrue(!Files.readString(work.resolve("service.log")).contains(ADMIN_PHONE), "the admin's phone is in the log");

        // The one-time password opens nothing until it is changed.
        given().baseUri(url).contentType(ContentType.JSON).body(Map.of("phone", ADMIN_PHONE, "password", BOOTSTRAP_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        String admin = post("/api/v1/auth/password-change", Map.of("phone", ADMIN_PHONE, "password", BOOTSTRAP_PASSWORD,
                "newPassword", "Guanliyuan-Zhen-Mima-1")).getString("accessToken");

        // The admin makes the office; the office changes its initial password too.
        String officePhone = "13900000002";
        as(url, admin).body(Map.of("phone", officePhone, "displayName", "领导小组办公室", "password", "Bangongshi-Chushi-26",
                "roles", List.of("OFFICE"))).post("/api/v1/accounts").then().statusCode(201);
        String office = post("/api/v1/auth/password-change", Map.of("phone", officePhone, "password", "Bangongshi-Chushi-26",
                "newPassword", "Bangongshi-Zhen-Mima-2")).getString("accessToken");

        // A thousand enterprises with their contacts, in one call.
        StringBuilder csv = new StringBuilder("企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,联系人,联系电话,联系人手机\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append("首日企业").append(i).append(',').append(DemoData.demoCreditCode(i)).append(",规上工业,装备制造,蛟桥镇,经开区")
                    .append(i).append("号,28.75,115.8,联系人").append(i).append(",0791-8800").append(String.format("%04d", i))
                    .append(",186").append(String.format("%08d", i)).append('\n');
        }
        as(url, office).contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/enterprises/import").then().statusCode(200).body("imported", is(1000)).body("contacts", is(1000));
        assertEquals(1000, count("select count(*) from account where activated_at is null and roles like '%ENTERPRISE_CONTACT%'"));

        // Contact 42 activates: a wrong credit code gets no SMS, the right one does.
        String contact = "186" + String.format("%08d", 42);
        String creditCode = DemoData.demoCreditCode(42);
        Map<String, Object> wrongCode = new HashMap<>(Map.of("phone", contact, "purpose", "ACTIVATION", "creditCode",
                DemoData.demoCreditCode(43)));
        given().baseUri(url).contentType(ContentType.JSON).body(wrongCode).post("/api/v1/auth/codes").then().statusCode(202);
        Thread.sleep(6_000);
        assertEquals(0, sms.sentTo(contact).size());
        Map<String, Object> ask = Map.of("phone", contact, "purpose", "ACTIVATION", "creditCode", creditCode);
        given().baseUri(url).contentType(ContentType.JSON).body(ask).post("/api/v1/auth/codes").then().statusCode(202);
        // The per-phone limit holds: again at once is refused.
        given().baseUri(url).contentType(ContentType.JSON).body(ask).post("/api/v1/auth/codes").then().statusCode(429)
                .body("code", is("TOO_MANY_REQUESTS"));
        String first = smsCode(contact, 1);
        Thread.sleep(6_000);
        given().baseUri(url).contentType(ContentType.JSON).body(ask).post("/api/v1/auth/codes").then().statusCode(202);
        String second = smsCode(contact, 2);
        Map<String, Object> activation = new HashMap<>(Map.of("phone", contact, "creditCode", creditCode, "code", first,
                "newPassword", "Qiye-Lianxiren-2026"));
        if (!first.equals(second)) {
            // The first code is stale: the second replaced it.
            given().baseUri(url).contentType(ContentType.JSON).body(activation).post("/api/v1/auth/activate").then()
                    .statusCode(401).body("code", is("CODE_INVALID"));
        }
        activation.put("code", second);
        activation.put("creditCode", DemoData.demoCreditCode(43));
        given().baseUri(url).contentType(ContentType.JSON).body(activation).post("/api/v1/auth/activate").then()
                .statusCode(401).body("code", is("CODE_INVALID"));
        activation.put("creditCode", creditCode);
        String contactToken = post("/api/v1/auth/activate", activation).getString("accessToken");
        as(url, contactToken).get("/api/v1/me").then().statusCode(200).body("enterprise.name", is("首日企业42"));
        given().baseUri(url).contentType(ContentType.JSON).body(Map.of("phone", contact, "password", "Qiye-Lianxiren-2026"))
                .post("/api/v1/auth/login").then().statusCode(200);

        // Started again with the settings still there: an admin exists, nothing is made.
        service.destroy();
        service.waitFor(30, TimeUnit.SECONDS);
        start(Map.of("ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE", "13900000009", "ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD));
        assertEquals(0, count("select count(*) from account where phone = '13900000009'"));
        given().baseUri(url).contentType(ContentType.JSON).body(Map.of("phone", ADMIN_PHONE, "password", "Guanliyuan-Zhen-Mima-1"))
                .post("/api/v1/auth/login").then().statusCode(200);
    }
}
