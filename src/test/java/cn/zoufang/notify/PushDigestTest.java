package cn.zoufang.notify;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The daily digest instead of single pushes, and the admin's view of pushes given up as dead. */
@QuarkusTest
class PushDigestTest extends ApiTest {

    static final FakeFcmServer FCM = TestFcmSetup.FCM;

    @Inject
    PushDispatcher dispatcher;

    @Inject
    DailyDigest digest;




    private void dispatchAll() throws Throwable {
        Db.execute("update push_delivery set next_attempt_at = '" + TestClock.now() + "' where status = 'PENDING'");
        while (VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce()) > 0) {
            // drain
        }
    }

    @Test
    void aDigestReplacesSinglePushesButNotUrgentOnes() throws Throwable {
        FCM.reset();
        String token = PushDispatchTest.registerDevice(DEPARTMENT);
        as(DEPARTMENT).get("/api/v1/notification-settings").then().statusCode(200).body("dailyDigest", is(false));
        as(DEPARTMENT).body(Map.of("dailyDigest", true)).put("/api/v1/notification-settings").then().statusCode(200)
                .body("dailyDigest", is(true));
        as(DEPARTMENT).get("/api/v1/notification-settings").then().body("dailyDigest", is(true));
        try {
            String issue = PushDispatchTest.forwardIssue();
            // The inbox has it at once; no push of its own.
            assertEquals(1, Db.count("select count(*) from notification where type = 'ISSUE_FORWARDED' and object_id = '"
                    + issue + "'"));
            assertEquals(0, Db.count("select count(*) from push_delivery p join notification n on n.id = p.notification_id"
                    + " where n.object_id = '" + issue + "'"));

            // Supervision is urgent: pushed at once even so.
            String etag = as(OFFICE).get("/api/v1/issues/" + issue).then().extract().header("ETag");
            as(OFFICE).header("If-Match", etag).body(Map.of("note", "请本周内答复")).post("/api/v1/issues/" + issue + "/supervise")
                    .then().statusCode(200);
            dispatchAll();
            assertEquals(1, FCM.deliveredTo(token).size());
            assertEquals("ISSUE_SUPERVISED", FCM.deliveredTo(token).get(0).message().path("data").path("type").asText());

            // The morning's digest: one push that points at the inbox, then nothing until something new.
            assertTrue(VertxContextSupport.subscribeAndAwait(() -> digest.run()) >= 1);
            dispatchAll();
            assertEquals(2, FCM.deliveredTo(token).size());
            var pushed = FCM.deliveredTo(token).get(1).message();
            assertEquals("DAILY_DIGEST", pushed.path("data").path("type").asText());
            assertEquals("zoufang://inbox", pushed.path("data").path("link").asText());
            assertEquals(0, Db.count("select count(*) from notification n join account a on a.id = n.account_id"
                    + " where a.phone = '" + DEPARTMENT + "' and n.type = 'DAILY_DIGEST' and n.read_at is null"),
                    "the digest itself is not unread news");
            VertxContextSupport.subscribeAndAwait(() -> digest.run());
            dispatchAll();
            assertEquals(2, FCM.deliveredTo(token).size(), "a second digest with nothing new");
        } finally {
            as(DEPARTMENT).body(Map.of("dailyDigest", false)).put("/api/v1/notification-settings").then().statusCode(200);
        }
        invalidAs(DEPARTMENT).body(Map.of()).put("/api/v1/notification-settings").then().statusCode(400);
    }

    @Test
    void theAdminSeesDeadPushesAndCanRetryOne() throws Throwable {
        FCM.reset();
        PushDispatchTest.registerDevice(DEPARTMENT);
        String issue = PushDispatchTest.forwardIssue();
        Db.execute("update push_delivery p set status = 'DEAD', attempts = 8, last_error = 'INTERNAL: 测试',"
                + " last_attempt_at = timestamptz '2026-03-01 10:00:00+08', next_attempt_at = timestamptz '2026-03-01 10:05:00+08'"
                + " from notification n where n.id = p.notification_id and n.object_id = '" + issue + "'");
        var page = as(ADMIN).get("/api/v1/admin/push-deliveries").then().statusCode(200).extract().jsonPath();
        long id = page.getLong("items.find { it.lastError == 'INTERNAL: 测试' }.id");
        assertEquals("ISSUE_FORWARDED", page.getString("items.find { it.id == " + id + " }.type"));
        assertEquals(8, page.getInt("items.find { it.id == " + id + " }.attempts"));
        // When it was last tried, not when the next try would have been.
        assertEquals(java.time.OffsetDateTime.parse("2026-03-01T10:00:00+08:00").toInstant(), java.time.OffsetDateTime
                .parse(page.getString("items.find { it.id == " + id + " }.lastAttemptAt")).toInstant());
        as(OFFICE).get("/api/v1/admin/push-deliveries").then().statusCode(403);

        as(ADMIN).post("/api/v1/admin/push-deliveries/" + id + "/retry").then().statusCode(204);
        assertEquals(1, Db.count("select count(*) from push_delivery where id = " + id + " and status = 'PENDING' and attempts = 0"));
        as(ADMIN).post("/api/v1/admin/push-deliveries/" + id + "/retry").then().statusCode(404);
    }
}
