package cn.zoufang.ledger;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class EscalationJobTest extends ApiTest {

    /** These tests work out due dates from "today": the day must not change under them. */
    private TestClock.Held held;

    @org.junit.jupiter.api.BeforeEach
    void holdTheClock() {
        held = TestClock.hold();
    }

    @org.junit.jupiter.api.AfterEach
    void releaseTheClock() {
        held.close();
    }

    @Inject
    EscalationJob job;

    @Inject
    WorkCalendar calendar;

    private long notices(String issue, String type) throws Exception {
        return Db.count("select count(*) from notification where object_id = '" + issue + "' and type = '" + type + "'");
    }

    private void dueOn(String issue, java.time.LocalDate due) throws Exception {
        Db.execute("update issue set due_date = '" + due + "' where id = '" + issue + "'");
    }

    /** An issue resolved to the enterprise's satisfaction and closed out {@code days} days ago. */
    private String closedDaysAgo(String enterprise, String department, String title, int days) throws Exception {
        String id = IssueFlowTest.register(CONTACT_1, enterprise, title);
        IssueFlowTest.act(DESK, id, "forward", 0, Map.of("leadDepartmentId", department)).statusCode(200);
        IssueFlowTest.act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200);
        IssueFlowTest.act(DEPARTMENT, id, "respond", 2, Map.of("response", "已解决", "resolution", "RESOLVED")).statusCode(200);
        IssueFlowTest.act(CONTACT_1, id, "confirm", 3, Map.of("satisfied", true, "rating", 5)).statusCode(200);
        IssueFlowTest.act(DESK, id, "close-out", 4, Map.of()).statusCode(200);
        Db.execute("update issue set closed_at = '" + TestClock.now().minusDays(days) + "' where id = '" + id + "'");
        return id;
    }

    @Test
    void eachStageOfTheLadderIsAnnouncedOnce() throws Throwable {
        String issue = IssueFlowTest.register(CONTACT_1, Visits.enterpriseId("欧菲光"), "阶梯提醒测试");
        IssueFlowTest.act(DESK, issue, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")))
                .statusCode(200);
        VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertEquals(0, notices(issue, "ISSUE_DUE_SOON"), "on time: no notice");

        dueOn(issue, calendar.today());
        int announced = VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertTrue(announced >= 1, "announced " + announced);
        // The handler of 区经发局 and the leader of group 1 (欧菲光's group).
        assertEquals(2, notices(issue, "ISSUE_DUE_SOON"));
        VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertEquals(2, notices(issue, "ISSUE_DUE_SOON"), "announced twice");

        dueOn(issue, calendar.days().minus(calendar.today(), 7));
        VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertEquals(0, notices(issue, "ISSUE_OVERDUE"), "jumped straight to supervision");
        assertEquals(3, notices(issue, "ISSUE_NEEDS_SUPERVISION")); // handler, leader, office
        as(OFFICE).get("/api/v1/inbox").then().body("items.find { it.objectId == '" + issue + "' }.type",
                is("ISSUE_NEEDS_SUPERVISION"));
        as(DESK).get("/api/v1/issues/" + issue).then().body("version", is(1)); // notices are not edits
    }

    @Test
    void theGroupIsRemindedOnceToFollowUpAClosedIssue() throws Throwable {
        String ofilm = Visits.enterpriseId("欧菲光");
        String economy = Fixtures.departmentId("区经发局");
        String[] ids = new String[2];
        for (int k = 0; k < 2; k++) {
            ids[k] = closedDaysAgo(ofilm, economy, "回访提醒测试" + k, 30);
        }
        // The second already has its follow-up visit.
        Map<String, Object> visit = Visits.newVisit(UUID.randomUUID().toString(), ofilm);
        visit.put("kind", "FOLLOW_UP");
        visit.put("issueIds", java.util.List.of(ids[1]));
        as(OFFICIAL_1).body(visit).post("/api/v1/visits").then().statusCode(201);

        VertxContextSupport.subscribeAndAwait(() -> job.run());
        VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertEquals(2, notices(ids[0], "FOLLOW_UP_DUE")); // group 1: leader and official, once
        assertEquals(0, notices(ids[1], "FOLLOW_UP_DUE"));
    }

    @Test
    void oneRunWorksThroughMoreIssuesThanABatchAndSkipsCloseOutsBeyondTheWindow() throws Throwable {
        String ofilm = Visits.enterpriseId("欧菲光");
        String economy = Fixtures.departmentId("区经发局");
        java.util.List<String> due = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) { // the test profile's batch is 2
            String id = IssueFlowTest.register(CONTACT_1, ofilm, "批量阶梯测试" + k);
            IssueFlowTest.act(DESK, id, "forward", 0, Map.of("leadDepartmentId", economy)).statusCode(200);
            dueOn(id, calendar.today());
            due.add(id);
        }
        String old = closedDaysAgo(ofilm, economy, "久远销号测试", 100);

        int announced = VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertTrue(announced >= 5, "announced " + announced);
        for (String id : due) {
            assertEquals(2, notices(id, "ISSUE_DUE_SOON"), id);
        }
        assertEquals(0, notices(old, "FOLLOW_UP_DUE"), "closed 100 days ago: beyond the 60-day window");
    }
}
