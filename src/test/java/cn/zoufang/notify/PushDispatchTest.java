package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The real Firebase Admin SDK against a local FCM HTTP v1 server. */
@QuarkusTest
class PushDispatchTest extends ApiTest {

    static final FakeFcmServer FCM = TestFcmSetup.FCM;

    @Inject
    PushDispatcher dispatcher;


    static String registerDevice(String phone) {
        String token = "token-" + UUID.randomUUID();
        as(phone).body(Map.of("token", token, "platform", "ANDROID")).put("/api/v1/devices/" + UUID.randomUUID())
                .then().statusCode(200);
        return token;
    }

    /** A new issue forwarded to 区经发局: a notification for its handler. */
    static String forwardIssue() {
        return Fixtures.forwardedIssue("推送测试");
    }

    private int dispatch() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
    }



    /** A clean local FCM, a new device of the department's handler, and an issue forwarded to it (one push due). */
    private static String departmentDeviceWithAForwardedIssue() {
        FCM.reset();
        String token = registerDevice(DEPARTMENT);
        forwardIssue();
        return token;
    }

    private CompletableFuture<Integer> dispatchInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return dispatch();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String deliveryOf(String token, String column) throws SQLException {
        return Db.text("select p." + column + " from push_delivery p join device d on d.id = p.device_id"
                + " where d.token = '" + token + "' order by p.id desc limit 1");
    }

    @Test
    void forwardingPushesToTheDepartmentsDeviceWithAPrivatePayload() throws Throwable {
        FCM.reset();
        String token = registerDevice(DEPARTMENT);
        String issue = forwardIssue();
        assertTrue(dispatch() >= 1);
        List<FakeFcmServer.Received> got = FCM.deliveredTo(token);
        assertEquals(1, got.size());
        var message = got.get(0).message();
        assertEquals("ISSUE_FORWARDED", message.path("data").path("type").asText());
        assertEquals(issue, message.path("data").path("objectId").asText());
        assertEquals("zoufang://issues/" + issue, message.path("data").path("link").asText());
        assertEquals("新的转办诉求", message.path("notification").path("title").asText());
        String notificationId = message.path("data").path("notificationId").asText();
        assertEquals(notificationId, message.path("android").path("collapse_key").asText());
        String payload = message.toString();
        assertFalse(PushPayloadContractTest.hasPhoneNumber(payload), "a phone number left the country: " + payload);
        assertFalse(payload.contains("同兴达"), "an enterprise name left the country: " + payload);
        assertEquals("SENT", deliveryOf(token, "status"));
        dispatch();
        assertEquals(1, FCM.deliveredTo(token).size(), "sent again");
    }

    @Test
    void unavailableThenAvailableDeliversOnceAndOnlyOnce() throws Throwable {
        String token = departmentDeviceWithAForwardedIssue();
        FCM.failNext(6, 503, "UNAVAILABLE", "UNAVAILABLE", null);
        for (int round = 0; round < 8 && FCM.deliveredTo(token).isEmpty(); round++) {
            dispatch();
            // Bring a rescheduled retry forward instead of waiting for its backoff.
            Db.execute("update push_delivery set next_attempt_at = '" + TestClock.now() + "' where status = 'PENDING'");
        }
        dispatch();
        assertEquals(1, FCM.deliveredTo(token).size());
        assertEquals("SENT", deliveryOf(token, "status"));
    }

    @Test
    void anUnregisteredTokenIsDeactivatedAndNotTriedAgain() throws Throwable {
        String token = departmentDeviceWithAForwardedIssue();
        FCM.failNext(1, 404, "UNREGISTERED", "NOT_FOUND", null);
        // Other due rows may go first; keep going until this device's row has an outcome.
        for (int round = 0; round < 5 && "PENDING".equals(deliveryOf(token, "status")); round++) {
            FCM.reset();
            FCM.failNext(1, 404, "UNREGISTERED", "NOT_FOUND", null);
            Db.execute("update push_delivery set status = 'SENT' where status = 'PENDING' and device_id not in"
                    + " (select id from device where token = '" + token + "')");
            dispatch();
        }
        assertEquals("FAILED", deliveryOf(token, "status"));
        assertEquals("f", Db.text("select active from device where token = '" + token + "'"));
        forwardIssue();
        dispatch();
        assertEquals(0, FCM.deliveredTo(token).size());
        assertEquals("0", Db.text("select count(*) from push_delivery p join device d on d.id = p.device_id"
                + " where d.token = '" + token + "' and p.status = 'PENDING'"));
    }

    @Test
    void quotaExceededWaitsAtLeastSixtySeconds() throws Throwable {
        String token = departmentDeviceWithAForwardedIssue();
        Db.execute("update push_delivery set status = 'SENT' where status = 'PENDING' and device_id not in"
                + " (select id from device where token = '" + token + "')");
        FCM.failNext(1, 429, "QUOTA_EXCEEDED", "RESOURCE_EXHAUSTED", "10");
        OffsetDateTime before = TestClock.now();
        dispatch();
        assertEquals("PENDING", deliveryOf(token, "status"));
        OffsetDateTime next = OffsetDateTime.parse(Db.text("select to_char(p.next_attempt_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from push_delivery p join device d on d.id = p.device_id"
                + " where d.token = '" + token + "'"));
        assertTrue(!next.isBefore(before.plusSeconds(60)), "next attempt at " + next + ", created at " + before);
        assertEquals("1", deliveryOf(token, "attempts"));
        // The attempt itself is recorded as it happened (the admin's list shows it).
        assertEquals("t", deliveryOf(token, "last_attempt_at between '" + before + "' and '" + TestClock.now() + "'"));
    }

    @Test
    void noTransactionStaysOpenWhileFcmAnswers() throws Throwable {
        // An open transaction would hold row locks and a connection, and hold back every phone's sync (which
        // reads up to the oldest running transaction) for as long as FCM takes.
        String token = departmentDeviceWithAForwardedIssue();
        FCM.delay(java.time.Duration.ofMillis(2500));
        CompletableFuture<Integer> sending = dispatchInBackground();
        Thread.sleep(800); // claimed long since; FCM has not answered yet
        assertTrue(!sending.isDone(), "FCM is still answering");
        assertEquals(0, Db.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid() and xact_start < now() - interval '500 milliseconds'"),
                "a transaction open while FCM answers");
        // A second dispatcher meanwhile leaves the claimed batch alone.
        dispatch();
        assertTrue(sending.join() >= 1);
        assertEquals(1, FCM.deliveredTo(token).size());
        assertEquals("SENT", deliveryOf(token, "status"));
    }

    @Test
    void twoDispatchersAtOnceNeverSendTheSameNotificationTwice() throws Throwable {
        FCM.reset();
        List<String> tokens = List.of(registerDevice(DEPARTMENT), registerDevice(DEPARTMENT), registerDevice(DEPARTMENT));
        for (int i = 0; i < 5; i++) {
            forwardIssue();
        }
        CompletableFuture<Integer> a = dispatchInBackground();
        CompletableFuture<Integer> b = dispatchInBackground();
        a.join();
        b.join();
        dispatch();
        for (String token : tokens) {
            List<String> ids = FCM.deliveredTo(token).stream()
                    .map(r -> r.message().path("data").path("notificationId").asText()).toList();
            assertEquals(5, ids.size(), token);
            assertEquals(5, ids.stream().distinct().count(), "a notification was pushed twice to " + token);
        }
    }
}
