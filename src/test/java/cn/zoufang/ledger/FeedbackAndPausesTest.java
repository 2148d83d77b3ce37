package cn.zoufang.ledger;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/**
 * One enterprise's issue through the steps the seed asks for — an interim reply, an assisting opinion, an
 * answer the desk sends back once and then releases, and a clock paused across the National Day holiday —
 * on days of the shipped 2026 schedule (Mid-Autumn off 25–27 Sep, National Day off 1–7 Oct, Sat 10 Oct
 * worked), with every date and figure worked out by hand.
 */
@QuarkusTest
class FeedbackAndPausesTest extends ApiTest {

    @Inject
    EscalationJob job;

    @Inject
    WorkCalendar calendar;

    private static OffsetDateTime china(String dateTime) {
        return OffsetDateTime.parse(dateTime + "+08:00");
    }

    private static void at(String dateTime) {
        TestClock.freezeAt(china(dateTime).toInstant());
    }

    @AfterEach
    void clockBack() {
        TestClock.reset();
    }

    private static JsonPath step(String phone, String id, String path, Map<String, Object> body) {
        long v = IssueFlowTest.version(id);
        return IssueFlowTest.act(phone, id, path, v, body).statusCode(200).extract().jsonPath();
    }

    private static long notices(String issue, String type, String accountId) throws Exception {
        return Db.count("select count(*) from notification where object_id = '" + issue + "' and type = '" + type
                + "' and account_id = '" + accountId + "'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> departmentFigures(String month, String departmentId) {
        List<Map<String, Object>> rows = as(OFFICE).get("/api/v1/dashboard?month=" + month).then().statusCode(200)
                .extract().jsonPath().getList("departments");
        return (Map<String, Object>) rows.stream().filter(r -> departmentId.equals(r.get("key"))).findFirst()
                .orElseThrow().get("current");
    }

    private static long n(Map<String, Object> figures, String name) {
        return ((Number) figures.get(name)).longValue();
    }

    @Test
    void anIssueHeardOfThroughoutAndCountedHonestly() throws Exception {
        // A department of its own, so that its figures are this issue's alone; answers of this category all
        // go through the desk (统一反馈), as the office may decide per category.
        String lead = as(OFFICE).body(Map.of("name", "反馈测试局" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        String housing = Fixtures.departmentId("区住建局");
        People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), lead, null);
        People.Person assistant = People.create(List.of("DEPARTMENT_HANDLER"), housing, null);
        as(OFFICE).body(Map.of("name", "统一反馈测试", "deadlineDays", 5, "urgentDeadlineDays", 2, "sortOrder", 90,
                "unifiedFeedback", "ALL")).put("/api/v1/issue-categories/FEEDBACK_TEST").then().statusCode(200)
                .body("unifiedFeedback", is("ALL")).body("unifiedFeedbackLabel", is("全部答复经企情收处中心统一反馈"));
        // An enterprise of its own, in no group, so that no other test's inbox or figures see this issue.
        String enterprise = as(OFFICE).body(Fixtures.enterprise("统一反馈测试企业", DemoData.demoCreditCode(9500)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        People.Person contact = People.create(List.of("ENTERPRISE_CONTACT"), null, enterprise);
        String contactId = contact.id();
        String contactPhone = contact.phone();

        // Wed 23 Sep: the enterprise asks; the desk forwards. Due in 5 working days: Thu 24, [25–27 off],
        // Mon 28, Tue 29, Wed 30, [1–7 Oct off], Thu 8 Oct. The opinion in 3: Thu 24, Mon 28, Tue 29.
        at("2026-09-23T09:00:00");
        String id = UUID.randomUUID().toString();
        as(contactPhone).body(Map.of("id", id, "enterpriseId", enterprise, "category", "FEEDBACK_TEST",
                "title", "厂房消防验收", "description", "新建厂房消防验收需要协调。")).post("/api/v1/issues").then()
                .statusCode(201);
        step(DESK, id, "forward", Map.of("leadDepartmentId", lead, "assistingDepartmentIds", List.of(housing)));
        as(DESK).get("/api/v1/issues/" + id).then().body("dueDate", is("2026-10-08"))
                .body("opinions[0].department.id", is(housing)).body("opinions[0].dueDate", is("2026-09-29"))
                .body("opinions[0].opinion", nullValue());
        assertEquals(1, notices(id, "ASSIST_REQUESTED", assistant.id()));
        as(handler.phone()).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/issues/" + id + "/accept").then()
                .statusCode(200);

        // Thu 24 Sep: the lead tells the enterprise how it stands; the assisting department gives its opinion.
        at("2026-09-24T10:00:00");
        step(handler.phone(), id, "interim-reply", Map.of("text", "已约消防部门下周现场查看"));
        assertEquals(1, notices(id, "ISSUE_PROGRESS", contactId));
        step(assistant.phone(), id, "assist-opinion", Map.of("opinion", "规划许可齐全，同意验收"));
        IssueFlowTest.act(assistant.phone(), id, "assist-opinion", IssueFlowTest.version(id),
                Map.of("opinion", "再提一次")).statusCode(409).body("code", is("INVALID_TRANSITION"))
                .body("detail", is("办理“协办意见”须满足：本单位尚未提交协办意见"));
        // A refusal says why in words: the caller's part, not the state, is what is missing here.
        IssueFlowTest.act(handler.phone(), id, "assist-opinion", IssueFlowTest.version(id),
                Map.of("opinion", "牵头单位不写协办意见")).statusCode(409).body("detail", is("只有协办单位可以办理“协办意见”"));
        as(handler.phone()).get("/api/v1/issues/" + id).then().body("opinions[0].opinion", is("规划许可齐全，同意验收"))
                .body("opinions[0].stage", nullValue());
        as(contactPhone).get("/api/v1/issues/" + id).then().body("opinions", empty());
        as(contactPhone).get("/api/v1/issues/" + id + "/timeline").then()
                .body("action", hasItem("INTERIM_REPLY")).body("action", not(hasItem("ASSIST_OPINION")))
                .body("find { it.action == 'INTERIM_REPLY' }.text", is("已约消防部门下周现场查看"));

        // Mon 28 Sep: the department waits for the enterprise's drawings; the clock stands still.
        at("2026-09-28T15:00:00");
        step(handler.phone(), id, "pause", Map.of("reason", "请补充消防设计图纸"));
        assertEquals(1, notices(id, "ISSUE_WAITING_FOR_ENTERPRISE", contactId));
        as(contactPhone).get("/api/v1/issues/" + id).then().body("status", is("WAITING_FOR_ENTERPRISE"))
                .body("stage", nullValue()).body("pausedAt", org.hamcrest.Matchers.notNullValue());
        IssueFlowTest.act(handler.phone(), id, "respond", IssueFlowTest.version(id),
                Map.of("response", "等待中不能答复", "resolution", "RESOLVED")).statusCode(409);

        // Wed 30 Sep, the month's last day: the paused issue is open, waiting, and not overdue.
        at("2026-09-30T18:00:00");
        Map<String, Object> september = departmentFigures("2026-09", lead);
        assertEquals(1, n(september, "openAtMonthEnd"));
        assertEquals(1, n(september, "waitingAtMonthEnd"));
        assertEquals(0, n(september, "overdueAtMonthEnd"));
        assertEquals(1, n(september, "issuesPaused"));

        // Fri 9 Oct: the enterprise sends the drawings from its app. Paused working days after Mon 28 Sep up to
        // today: Tue 29, Wed 30, [1–7 Oct off], Thu 8, Fri 9 = 4; the deadline moves from Thu 8 Oct by 4: Fri 9,
        // Sat 10 (worked), Mon 12, Tue 13 Oct.
        at("2026-10-09T09:30:00");
        step(contactPhone, id, "resume", Map.of("note", "图纸已上传"));
        as(DESK).get("/api/v1/issues/" + id).then().body("status", is("IN_PROGRESS")).body("dueDate", is("2026-10-13"))
                .body("pausedWorkingDays", is(4)).body("pausedAt", nullValue())
                // Three working days left (Sat 10, Mon 12, Tue 13): not yet due soon (2 or fewer).
                .body("stage", is("ON_TIME")).body("workingDaysLeft", is(3));
        assertEquals(1, notices(id, "ISSUE_RESUMED", handler.id()));
        as(DESK).get("/api/v1/issues/" + id + "/timeline").then()
                .body("find { it.action == 'RESUME' }.text", is("暂停计时 4 个工作日，新期限 2026-10-13：图纸已上传"));

        // Mon 12 Oct 10:00: an answer, which the enterprise does not see; the desk sends it back at 15:00.
        at("2026-10-12T10:00:00");
        step(handler.phone(), id, "respond", Map.of("response", "已验收", "resolution", "RESOLVED"));
        assertEquals(1, notices(id, "ANSWER_TO_RELEASE", as(DESK).get("/api/v1/me").then().extract().path("id")));
        assertEquals(0, notices(id, "ISSUE_ANSWERED", contactId));
        as(contactPhone).get("/api/v1/issues/" + id).then().body("status", is("IN_PROGRESS")).body("response", nullValue());
        as(contactPhone).get("/api/v1/issues/" + id + "/timeline").then().body("action", not(hasItem("RESPOND")));
        // Nor from its phone's offline copy (its one enterprise and one issue fit one page of sync)...
        String synced = as(contactPhone).queryParam("limit", 500).get("/api/v1/sync").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(synced.contains(id) && !synced.contains("已验收")
                && !synced.contains("AWAITING_RELEASE"), synced);
        // ...nor by filtering: to it the issue is in progress.
        as(contactPhone).queryParam("status", "IN_PROGRESS").get("/api/v1/issues").then().body("items.id", hasItem(id));
        as(contactPhone).queryParam("status", "AWAITING_RELEASE").get("/api/v1/issues").then().body("items", empty());
        as(DESK).queryParam("status", "AWAITING_RELEASE").queryParam("limit", 100).get("/api/v1/issues").then()
                .body("items.id", hasItem(id));
        at("2026-10-12T15:00:00");
        step(DESK, id, "send-back", Map.of("comment", "请写明验收结论和整改事项"));
        assertEquals(1, notices(id, "ANSWER_SENT_BACK", handler.id()));
        as(contactPhone).get("/api/v1/issues/" + id + "/timeline").then().body("action", not(hasItem("SEND_BACK")));

        // Tue 13 Oct 10:00, the deadline day: the answer again; Wed 14 Oct 10:00 the desk releases it.
        at("2026-10-13T10:00:00");
        step(handler.phone(), id, "respond", Map.of("response", "消防验收合格，无整改事项", "resolution", "RESOLVED"));
        at("2026-10-14T10:00:00");
        step(DESK, id, "release", Map.of());
        assertEquals(1, notices(id, "ISSUE_ANSWERED", contactId));
        as(contactPhone).get("/api/v1/issues/" + id).then().body("status", is("RESPONDED"))
                .body("response", is("消防验收合格，无整改事项"));
        as(contactPhone).get("/api/v1/issues/" + id + "/timeline").then()
                .body("find { it.action == 'RELEASE' }.text", is("消防验收合格，无整改事项"));
        step(contactPhone, id, "confirm", Map.of("satisfied", true, "rating", 5));
        step(DESK, id, "close-out", Map.of());

        // October, as of the 14th: one answer due (the released one; the one sent back does not count), given
        // on its deadline day, so on time, with an interim reply before it; at the desk 5 h and 24 h (median
        // 14.5); the pause's 4 working days counted when it ended.
        at("2026-10-14T12:00:00");
        Map<String, Object> october = departmentFigures("2026-10", lead);
        assertEquals(1, n(october, "answersDue"));
        assertEquals(1, n(october, "answersOnTime"));
        assertEquals(1.0, ((Number) october.get("onTimeRate")).doubleValue());
        assertEquals(1, n(october, "answersWithInterimReply"));
        assertEquals(1, n(october, "deskReleases"));
        assertEquals(1, n(october, "deskSendBacks"));
        assertEquals(14.5, ((Number) october.get("medianHoursAtDesk")).doubleValue());
        assertEquals(0, n(october, "issuesPaused"));
        assertEquals(4, n(october, "pausedWorkingDays"));
        assertEquals(0, n(october, "waitingAtMonthEnd"));
    }

    @Test
    void aCategoryWithoutUnifiedFeedbackAnswersTheDesksOwnIssueDirectly() {
        as(OFFICE).body(Map.of("name", "直接答复测试", "deadlineDays", 5, "urgentDeadlineDays", 2, "sortOrder", 91,
                "unifiedFeedback", "NONE")).put("/api/v1/issue-categories/DIRECT_TEST").then().statusCode(200)
                .body("unifiedFeedback", is("NONE"));
        // Absent keeps what the category has.
        as(OFFICE).body(Map.of("name", "直接答复测试", "deadlineDays", 6, "urgentDeadlineDays", 2, "sortOrder", 91))
                .put("/api/v1/issue-categories/DIRECT_TEST").then().statusCode(200).body("unifiedFeedback", is("NONE"))
                .body("deadlineDays", is(6));
        invalidAs(OFFICE).body(Map.of("name", "直接答复测试", "deadlineDays", 6, "urgentDeadlineDays", 2, "sortOrder", 91,
                "unifiedFeedback", "SOMETIMES")).put("/api/v1/issue-categories/DIRECT_TEST").then().statusCode(400);
        String id = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "DIRECT_TEST",
                "title", "窗口登记：直接答复", "description", "窗口登记的诉求")).post("/api/v1/issues").then().statusCode(201);
        step(DESK, id, "forward", Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")));
        step(DEPARTMENT, id, "accept", Map.of());
        step(DEPARTMENT, id, "respond", Map.of("response", "已答复", "resolution", "EXPLAINED"));
        as(DESK).get("/api/v1/issues/" + id).then().body("status", is("RESPONDED"));
        IssueFlowTest.act(DESK, id, "release", IssueFlowTest.version(id), Map.of()).statusCode(409)
                .body("code", is("INVALID_TRANSITION"));
    }

    @Test
    void anOpinionPastItsDateGoesUpTheLadderOnce() throws Throwable {
        String housing = Fixtures.departmentId("区住建局");
        People.Person assistant = People.create(List.of("DEPARTMENT_HANDLER"), housing, null);
        String lead = as(OFFICE).body(Map.of("name", "协办超期测试局" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        String id = IssueFlowTest.register(DESK, Visits.enterpriseId("同兴达"), "协办意见超期测试");
        try (var held = TestClock.hold()) {
            step(DESK, id, "forward", Map.of("leadDepartmentId", lead, "assistingDepartmentIds", List.of(housing)));
            // Due yesterday's working day: one working day late today, as if the days had gone by.
            LocalDate due = calendar.days().minus(TestClock.today(), 1);
            Db.execute("update issue_assist set due_date = '" + due + "' where issue_id = '" + id + "'");
            as(DESK).get("/api/v1/issues/" + id).then().body("opinions[0].stage", is("OVERDUE"));
            VertxContextSupport.subscribeAndAwait(() -> job.run());
            VertxContextSupport.subscribeAndAwait(() -> job.run());
            assertEquals(1, notices(id, "ASSIST_OPINION_OVERDUE", assistant.id()));
            // Filed late, it is no longer awaited: no stage.
            step(assistant.phone(), id, "assist-opinion", Map.of("opinion", "迟到的意见"));
            as(DESK).get("/api/v1/issues/" + id).then().body("opinions[0].stage", nullValue())
                    .body("opinions[0].opinion", is("迟到的意见"));
        }
    }
}
