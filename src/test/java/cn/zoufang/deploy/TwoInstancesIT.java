package cn.zoufang.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.Fixtures;
import io.restassured.http.ContentType;

/**
 * Two real service processes against one PostgreSQL and one S3 server, both dispatching pushes and both
 * running the scheduled jobs.
 */
class TwoInstancesIT extends PackagedServiceIT {

    @BeforeAll
    static void startTwo() throws Exception {
        startInstances("two-instances", 2);
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
    void anAccountDisabledOnOneInstanceIsRefusedOnTheOtherWithinAMinute() throws Exception {
        String admin = login(urls.get(0), DemoData.ADMIN);
        String phone = "197" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        String id = as(urls.get(0), admin).body(Map.of("phone", phone, "displayName", "两实例停用测试",
                "password", "Liangshili-Chushi-26", "roles", List.of("OFFICIAL"))).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        var tokens = given().baseUri(urls.get(1)).contentType(ContentType.JSON).body(Map.of("phone", phone,
                "password", "Liangshili-Chushi-26", "newPassword", "Liangshili-Zhen-2026")).post("/api/v1/auth/password-change")
                .then().statusCode(200).extract().jsonPath();
        as(urls.get(1), tokens.getString("accessToken")).get("/api/v1/me").then().statusCode(200);
        String etag = as(urls.get(0), admin).get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");
        as(urls.get(0), admin).header("If-Match", etag).body(Map.of("reason", "离职")).post("/api/v1/accounts/" + id + "/disable")
                .then().statusCode(200);
        // The refresh token at once, on either instance; the access token on the other instance within a minute.
        given().baseUri(urls.get(1)).contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        awaitTrue(Duration.ofSeconds(60), () -> as(urls.get(1), tokens.getString("accessToken")).get("/api/v1/me")
                .then().extract().statusCode() == 401, "the disabled account's access token refused on the other instance");
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
        String token = handlersDevice(a, "two-instances");
        String enterprise = enterprise(a, 0);
        String economy = economyDepartment(a);
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
        String issue = forwardedIssue(a, urls.get(1), enterprise(a, 1), economyDepartment(a));
        // A month late: past the point where the office must supervise it (5 working days) on any day of the
        // year. This process runs on the real clock; ten calendar days hold fewer than five working days
        // after the Spring Festival and National Day.
        execute("update issue set due_date = (now() at time zone 'Asia/Shanghai')::date - 30 where id = '" + issue + "'");
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
