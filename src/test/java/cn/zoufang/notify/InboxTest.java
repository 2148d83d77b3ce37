package cn.zoufang.notify;

import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InboxTest extends ApiTest {




    private static String economy() {
        return Fixtures.departmentId("区经发局");
    }

    private static String newIssue(String title) {
        String id = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "POLICY",
                "title", title, "description", "收件测试")).post("/api/v1/issues").then().statusCode(201);
        return id;
    }

    @Test
    void forwardingLeavesAnInboxRowAndAPushForTheDepartmentsDevice() throws Exception {
        String device = UUID.randomUUID().toString();
        as(DEPARTMENT).body(Map.of("token", "fcm-token-" + device, "platform", "ANDROID", "appVersion", "1.0.0"))
                .put("/api/v1/devices/" + device).then().statusCode(200).body("active", is(true));
        long unreadBefore = ((Number) as(DEPARTMENT).get("/api/v1/inbox/unread-count").then().extract().path("unread"))
                .longValue();
        String issue = newIssue("收件测试：转办");
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy()))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);

        String notification = as(DEPARTMENT).get("/api/v1/inbox").then().statusCode(200)
                .body("items[0].type", is("ISSUE_FORWARDED"))
                .body("items[0].objectId", is(issue))
                .body("items[0].title", is("新的转办诉求"))
                .body("items[0].read", is(false))
                .extract().path("items[0].id");
        as(DEPARTMENT).get("/api/v1/inbox/unread-count").then().body("unread", is((int) unreadBefore + 1));
        assertEquals(1, Db.count("select count(*) from push_delivery p join notification n on n.id = p.notification_id"
                + " where n.object_id = '" + issue + "' and p.device_id = '" + device + "' and p.status = 'PENDING'"));
        // The desk, which acted, is not told of its own act.
        assertEquals(0, Db.count("select count(*) from notification n join account a on a.id = n.account_id"
                + " where n.object_id = '" + issue + "' and a.phone = '" + DESK + "'"));

        as(DEPARTMENT).post("/api/v1/inbox/" + notification + "/read").then().statusCode(204);
        as(DEPARTMENT).get("/api/v1/inbox/unread-count").then().body("unread", is((int) unreadBefore));
        as(OFFICE).post("/api/v1/inbox/" + notification + "/read").then().statusCode(404);
        as(DEPARTMENT).post("/api/v1/inbox/read-all").then().statusCode(200);
        as(DEPARTMENT).get("/api/v1/inbox/unread-count").then().body("unread", is(0));

        as(DEPARTMENT).delete("/api/v1/devices/" + device).then().statusCode(204);
        String second = newIssue("收件测试：注销后");
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy()))
                .post("/api/v1/issues/" + second + "/forward").then().statusCode(200);
        assertEquals(0, Db.count("select count(*) from push_delivery p join notification n on n.id = p.notification_id"
                + " where n.object_id = '" + second + "' and p.device_id = '" + device + "'"));
        as(DEPARTMENT).get("/api/v1/inbox/unread-count").then().body("unread", greaterThan(0));
    }

    @Test
    void aRolledBackTransitionLeavesNeitherInboxRowNorPush() throws Exception {
        String issue = newIssue("收件测试：回滚");
        // Make the last write of the forwarding (its audit row) fail, after the notifications were written.
        Db.executeAsOwner("create function fail_forward() returns trigger language plpgsql as $$ begin"
                + " raise exception 'forced failure'; end; $$");
        Db.executeAsOwner("create trigger fail_forward before insert on audit_event for each row when"
                + " (new.action = 'ISSUE_FORWARD' and new.target_id = '" + issue + "') execute function fail_forward()");
        try {
            as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy()))
                    .post("/api/v1/issues/" + issue + "/forward").then().statusCode(500);
        } finally {
            Db.executeAsOwner("drop trigger fail_forward on audit_event");
            Db.executeAsOwner("drop function fail_forward()");
        }
        assertEquals(0, Db.count("select count(*) from notification where object_id = '" + issue + "'"));
        as(DESK).get("/api/v1/issues/" + issue).then().body("status", is("REGISTERED")).body("version", is(0));
    }

    @Inject
    DeviceJanitor janitor;

    @Test
    void installationsNotSeenFor270DaysAreForgotten() throws Throwable {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        as(DEPARTMENT).body(Map.of("token", "old-" + old, "platform", "IOS")).put("/api/v1/devices/" + old).then().statusCode(200);
        as(DEPARTMENT).body(Map.of("token", "recent-" + recent, "platform", "IOS")).put("/api/v1/devices/" + recent).then()
                .statusCode(200);
        Db.execute("update device set last_seen_at = '" + TestClock.now().minusDays(271) + "' where id = '" + old + "'");
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> janitor.deleteStale());
        assertEquals(0, Db.count("select count(*) from device where id = '" + old + "'"));
        assertEquals(1, Db.count("select count(*) from device where id = '" + recent + "'"));
    }
}
