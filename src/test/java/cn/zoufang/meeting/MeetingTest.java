package cn.zoufang.meeting;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Decisions as data: an issue brought to a meeting, the minutes' decisions registered as 会议交办 ledger items
 * forwarded with the meeting's deadline, and the period's follow-through rate, in the API and the 通报.
 */
@QuarkusTest
class MeetingTest extends ApiTest {

    @Test
    void aDecisionBecomesAnIssueWithItsDeadlineAndCountsInTheFollowThroughRate() throws Exception {
        String issue = Fixtures.forwardedIssue("用地指标迟迟未落实", Fixtures.newDepartment("会议测试原单位"));
        String owner = Fixtures.newDepartment("会议测试承办局");
        People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), owner, null);
        boolean moved = false;
        try (var held = TestClock.hold()) {
            LocalDate today = TestClock.today();
            // Both deadlines on the same day, five days on: one month holds them whatever today is.
            LocalDate deadline = today.plusDays(5);
            JsonPath meeting = as(OFFICE).body(Map.of("kind", "CONSTRUCTION", "title", "大建口会（会议测试）",
                    "heldOn", today.toString())).post("/api/v1/meetings").then().statusCode(201)
                    .body("status", is("PLANNED")).body("kindLabel", is("大建口会")).extract().jsonPath();
            String id = meeting.getString("id");
            as(OFFICE).body(Map.of("issueId", issue, "reason", "涉及多个部门，需会议协调")).post("/api/v1/meetings/" + id + "/items")
                    .then().statusCode(200).body("items[0].issueId", is(issue));
            as(OFFICE).body(Map.of("issueId", issue, "reason", "再提一次")).post("/api/v1/meetings/" + id + "/items")
                    .then().statusCode(409).body("code", is("CONFLICT"));
            // Before the meeting, its document is the agenda: the issue brought and why.
            try (XWPFDocument agenda = new XWPFDocument(new ByteArrayInputStream(as(INSPECTOR_PHONE)
                    .get("/api/v1/meetings/" + id + "/document.docx").then().statusCode(200).extract().asByteArray()))) {
                String text = agenda.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
                assertTrue(text.contains("大建口会（会议测试）议程") && text.contains("用地指标迟迟未落实")
                        && text.contains("涉及多个部门，需会议协调"), text);
            }
            String etag = as(OFFICE).get("/api/v1/meetings/" + id).then().statusCode(200).extract().header("ETag");

            // Without If-Match, and with three wrong things in one decision: nothing is recorded.
            Map<String, Object> good = Map.of("issueId", issue, "text", "由承办局牵头协调用地指标，十日内答复企业",
                    "departmentId", owner, "deadline", deadline.toString());
            Map<String, Object> second = Map.of("issueId", issue, "text", "原单位配合提供规划资料",
                    "departmentId", owner, "deadline", deadline.toString());
            invalidAs(OFFICE).contentType("application/json").body(Map.of("minutes", "会议研究了用地问题。", "decisions", List.of(good)))
                    .post("/api/v1/meetings/" + id + "/minutes").then().statusCode(428);
            long decisionsBefore = Db.count("select count(*) from issue where source = 'DECISION'");
            var bad = as(OFFICE).header("If-Match", etag).body(Map.of("minutes", "会议研究了用地问题。", "decisions", List.of(good,
                    Map.of("issueId", java.util.UUID.randomUUID().toString(), "text", "不在议题中", "departmentId",
                            java.util.UUID.randomUUID().toString(), "deadline", today.minusDays(1).toString()))))
                    .post("/api/v1/meetings/" + id + "/minutes").then().statusCode(400)
                    .body("code", is("VALIDATION_FAILED")).extract().jsonPath();
            assertEquals(List.of("decisions[1].issueId", "decisions[1].departmentId", "decisions[1].deadline"),
                    bad.getList("errors.field"));
            assertEquals(decisionsBefore, Db.count("select count(*) from issue where source = 'DECISION'"));
            as(OFFICE).get("/api/v1/meetings/" + id).then().body("status", is("PLANNED"));

            JsonPath held1 = as(OFFICE).header("If-Match", etag).body(Map.of("minutes", "会议研究了用地问题。",
                    "decisions", List.of(good, second))).post("/api/v1/meetings/" + id + "/minutes").then().statusCode(200)
                    .body("status", is("HELD")).extract().jsonPath();
            List<Map<String, Object>> decisions = held1.getList("decisions");
            assertEquals(2, decisions.size());
            assertTrue(decisions.stream().allMatch(d -> d.get("followedThrough") == null), "not due yet");
            String task = (String) decisions.get(0).get("taskIssueId");
            String other = (String) decisions.get(1).get("taskIssueId");
            // The ledger item: the decided issue's enterprise, source DECISION, forwarded with the meeting's deadline.
            as(OFFICE).get("/api/v1/issues/" + task).then().statusCode(200).body("source", is("DECISION"))
                    .body("sourceLabel", is("会议交办")).body("status", is("FORWARDED"))
                    .body("dueDate", is(deadline.toString())).body("leadDepartment.id", is(owner));
            as(OFFICE).header("If-Match", as(OFFICE).get("/api/v1/meetings/" + id).then().extract().header("ETag"))
                    .body(Map.of("minutes", "再录一次", "decisions", List.of())).post("/api/v1/meetings/" + id + "/minutes")
                    .then().statusCode(409).body("code", is("INVALID_STATE"));

            // The owner answers one on time; the other waits past its deadline.
            String accepted = as(handler.phone()).header("If-Match", "\"1\"").body(Map.of())
                    .post("/api/v1/issues/" + (String) decisions.stream().filter(d -> d.get("text").equals(good.get("text")))
                            .findFirst().orElseThrow().get("taskIssueId") + "/accept").then().statusCode(200).extract().header("ETag");
            String answeredTask = (String) decisions.stream().filter(d -> d.get("text").equals(good.get("text"))).findFirst()
                    .orElseThrow().get("taskIssueId");
            as(handler.phone()).header("If-Match", accepted).body(Map.of("response", "已协调落实用地指标。", "resolution", "RESOLVED"))
                    .post("/api/v1/issues/" + answeredTask + "/respond").then().statusCode(200);
            String lateTask = answeredTask.equals(task) ? other : task;

            // Six days on (moved back at the end: later tests, and the tokens they sign in with, keep today).
            TestClock.advance(Duration.ofDays(6));
            moved = true;
            String month = YearMonth.from(deadline).toString();
            JsonPath rate = as(INSPECTOR_PHONE).get("/api/v1/meetings/follow-through/" + month).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> late = rate.getList("late");
            assertTrue(late.stream().anyMatch(d -> lateTask.equals(d.get("taskIssueId"))), late.toString());
            assertTrue(late.stream().noneMatch(d -> answeredTask.equals(d.get("taskIssueId"))), late.toString());
            // Other tests' decisions may fall due in the same month: ours are one of each.
            long due = rate.getLong("due");
            long onTime = rate.getLong("onTime");
            assertTrue(due >= 2 && onTime >= 1 && due - onTime >= 1, rate.prettify());
            assertEquals(Math.round(10_000.0 * onTime / due) / 10_000.0, rate.getDouble("rate"), 0.00001);
            JsonPath after = as(OFFICE).get("/api/v1/meetings/" + id).then().statusCode(200).extract().jsonPath();
            Map<String, Boolean> followed = after.<Map<String, Object>>getList("decisions").stream()
                    .collect(Collectors.toMap(d -> (String) d.get("taskIssueId"), d -> (Boolean) d.get("followedThrough")));
            assertEquals(Boolean.TRUE, followed.get(answeredTask));
            assertEquals(Boolean.FALSE, followed.get(lateTask));

            // The month's 通报 reports the same rate and names the late decision.
            byte[] bulletin = as(OFFICE).get("/api/v1/bulletins/" + month + ".docx").then().statusCode(200).extract().asByteArray();
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bulletin))) {
                String text = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
                assertTrue(text.contains("本期到期的会议交办事项" + due + "项，按期落实" + onTime + "项"), text);
                String lateNo = as(OFFICE).get("/api/v1/issues/" + lateTask).then().extract().path("ledgerNo");
                assertTrue(doc.getTables().stream().anyMatch(t -> t.getText().contains(lateNo)), "the late decision is listed");
            }
            // The minutes as a document: the decisions with their ledger numbers.
            byte[] minutes = as(OFFICE).get("/api/v1/meetings/" + id + "/document.docx").then().statusCode(200).extract().asByteArray();
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(minutes))) {
                String text = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
                assertTrue(text.contains("大建口会（会议测试）纪要"), text);
                assertTrue(text.contains("由承办局牵头协调用地指标"), text);
                assertTrue(text.contains("用地指标迟迟未落实"), text);
            }
        } finally {
            if (moved) {
                TestClock.advance(Duration.ofDays(-6));
            }
        }
    }

    private static final String INSPECTOR_PHONE = cn.zoufang.demo.DemoData.INSPECTOR;
}
