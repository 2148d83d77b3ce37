package cn.zoufang.ledger;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Extensions, supervision, duplicates, closing without the enterprise, stages and the Excel export. */
@QuarkusTest
class IssueLadderTest extends ApiTest {

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
    AgroalDataSource db;

    @Inject
    WorkCalendar calendar;

    @Inject
    LedgerConfig config;

    /** Ten o'clock China time on a day. */
    private static OffsetDateTime at10(LocalDate day) {
        return day.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
    }

    private String forwarded(String title) {
        String id = IssueFlowTest.register(DESK, Visits.enterpriseId("同兴达"), title);
        IssueFlowTest.act(DESK, id, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")))
                .statusCode(200);
        return id;
    }

    /** Moves an issue's dates into the past, as if the days had gone by. */
    private void set(String id, String column, Object value) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("update issue set " + column + " = ? where id = ?")) {
            s.setObject(1, value);
            s.setObject(2, UUID.fromString(id));
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineByWorkingDays() {
        String id = forwarded("延期测试");
        LocalDate due = LocalDate.parse(as(DESK).get("/api/v1/issues/" + id).then().extract().path("dueDate"));
        IssueFlowTest.act(DEPARTMENT, id, "extension-request", 1, Map.of("workingDays", 3, "reason", "需会同住建局现场踏勘"))
                .statusCode(200).body("extensionRequestedDays", is(3));
        as(CONTACT_2).get("/api/v1/issues/" + id).then().statusCode(404);
        IssueFlowTest.act(DEPARTMENT, id, "extension-request", 2, Map.of("workingDays", 5, "reason", "再申请"))
                .statusCode(409).body("code", is("INVALID_TRANSITION"));
        IssueFlowTest.act(DESK, id, "extension-decision", 2, Map.of("approved", true)).statusCode(409);
        // The office finds what it has to decide in the ledger, and nothing else there.
        assertTrue(pendingExtensions().contains(id), "listed as awaiting the office's decision");
        as(OFFICE).get("/api/v1/issues?extensionPending=false&limit=200").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        IssueFlowTest.act(OFFICE, id, "extension-decision", 2, Map.of("approved", true, "note", "同意"))
                .statusCode(200)
                .body("dueDate", is(calendar.days().plus(due, 3).toString()))
                .body("extensionRequestedDays", nullValue());
        assertFalse(pendingExtensions().contains(id), "decided, so no longer listed");
        invalidAs(OFFICE).get("/api/v1/issues?extensionPending=yes").then().statusCode(400)
                .body("errors[0].field", is("extensionPending"));
    }

    /**
     * Past its deadline the department can neither pause the clock (to wait for the enterprise) nor ask for more
     * time: both refused with the guard named, nothing changed.
     */
    @Test
    void pastTheDeadlineNeitherAPauseNorAnExtensionIsAccepted() throws Exception {
        String id = forwarded("期限已过的暂停");
        IssueFlowTest.act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200);
        set(id, "due_date", TestClock.today().minusDays(1));
        IssueFlowTest.act(DEPARTMENT, id, "pause", 2, Map.of("reason", "请企业补充营业执照")).statusCode(409)
                .body("code", is("INVALID_TRANSITION")).body("detail", org.hamcrest.Matchers.containsString("期限届满前"));
        IssueFlowTest.act(DEPARTMENT, id, "extension-request", 2, Map.of("workingDays", 3, "reason", "再需三天"))
                .statusCode(409).body("detail", org.hamcrest.Matchers.containsString("期限届满前"));
        as(DEPARTMENT).get("/api/v1/issues/" + id).then().statusCode(200)
                .body("status", is("IN_PROGRESS")).body("version", is(2)).body("pausedAt", nullValue())
                .body("extensionRequestedDays", nullValue());
    }

    /** Every issue with a pending extension request, all pages of it. */
    private static List<String> pendingExtensions() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(OFFICE).get("/api/v1/issues?extensionPending=true&limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).body("items.extensionRequestedDays", everyItem(notNullValue()))
                    .extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void theOfficeSupervisesAndTheEnterpriseDoesNotSeeTheNote() {
        String id = IssueFlowTest.register(CONTACT_1, Visits.enterpriseId("欧菲光"), "督办测试");
        IssueFlowTest.act(DESK, id, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")))
                .statusCode(200);
        IssueFlowTest.act(DEPARTMENT, id, "supervise", 1, Map.of("note", "越权")).statusCode(409);
        IssueFlowTest.act(OFFICE, id, "supervise", 1, Map.of("note", "请本周内答复企业")).statusCode(200)
                .body("supervised", is(true)).body("supervisionNote", is("请本周内答复企业"));
        as(CONTACT_1).get("/api/v1/issues/" + id).then().statusCode(200)
                .body("supervised", is(true)).body("supervisionNote", nullValue());
        as(CONTACT_1).get("/api/v1/issues/" + id + "/timeline").then()
                .body("find { it.action == 'SUPERVISE' }.text", nullValue());
    }

    @Test
    void aRepeatedRequestIsClosedAsADuplicateOfTheOriginal() {
        String enterprise = Visits.enterpriseId("欧菲光");
        String original = IssueFlowTest.register(CONTACT_1, enterprise, "道路破损");
        String repeat = IssueFlowTest.register(CONTACT_1, enterprise, "门前道路破损");
        String otherEnterprise = IssueFlowTest.register(DESK, Visits.enterpriseId("同兴达"), "道路破损");
        IssueFlowTest.act(DESK, repeat, "duplicate", 0, Map.of("originalId", otherEnterprise)).statusCode(400)
                .body("errors[0].field", is("originalId"));
        IssueFlowTest.act(DESK, repeat, "duplicate", 0, Map.of("originalId", original)).statusCode(200)
                .body("status", is("CLOSED"))
                .body("closeReason", is("DUPLICATE"))
                .body("duplicateOf", is(original));
        as(CONTACT_1).get("/api/v1/issues/" + repeat + "/timeline").then()
                .body("find { it.action == 'MARK_DUPLICATE' }.text", org.hamcrest.Matchers.startsWith("与诉求 "));
        // Open or closed out, as the ledger filters them.
        as(DESK).get("/api/v1/issues?open=true&limit=200&enterpriseId=" + enterprise).then().statusCode(200)
                .body("items.id", hasItem(original)).body("items.id", not(hasItem(repeat)))
                .body("items.status", everyItem(not(is("CLOSED"))));
        as(DESK).get("/api/v1/issues?open=false&limit=200&enterpriseId=" + enterprise).then().statusCode(200)
                .body("items.id", hasItem(repeat)).body("items.id", not(hasItem(original)))
                .body("items.status", everyItem(is("CLOSED")));
    }

    @Test
    void theOfficeClosesOutOnlyAfterTheEnterpriseStayedSilentLongEnough() throws Exception {
        String id = forwarded("未确认销号测试");
        IssueFlowTest.act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200);
        IssueFlowTest.act(DEPARTMENT, id, "respond", 2, Map.of("response", "已协调解决", "resolution", "RESOLVED"))
                .statusCode(200).body("status", is("AWAITING_RELEASE"));
        // The desk registered it, so its answer reaches the enterprise through the desk (统一反馈).
        IssueFlowTest.act(DESK, id, "release", 3, Map.of()).statusCode(200).body("status", is("RESPONDED"));
        IssueFlowTest.act(OFFICE, id, "close-without-confirmation", 4, Map.of("reason", "企业多次联系未回复"))
                .statusCode(409).body("code", is("INVALID_TRANSITION"));
        // Answered exactly as many working days ago as the enterprise has to rate it (counted, not assumed:
        // ten calendar days hold fewer than five working days after the Spring Festival).
        set(id, "responded_at", at10(calendar.days().minus(calendar.today(), config.confirmationWaitWorkingDays())));
        IssueFlowTest.act(DESK, id, "close-without-confirmation", 4, Map.of("reason", "越权")).statusCode(409);
        IssueFlowTest.act(OFFICE, id, "close-without-confirmation", 4, Map.of("reason", "企业多次联系未回复"))
                .statusCode(200)
                .body("closeReason", is("CLOSED_WITHOUT_CONFIRMATION"))
                .body("closeReasonLabel", is("企业未确认，办公室销号"));
    }

    @Test
    void stagesFilterTheLedgerAndTheExportHasTheSameRows() throws Exception {
        String onTime = forwarded("阶段测试：按期");
        String late = forwarded("阶段测试：超期");
        LocalDate today = calendar.today();
        set(late, "due_date", calendar.days().minus(today, 7));
        as(DESK).get("/api/v1/issues/" + late).then().body("stage", is("NEEDS_SUPERVISION"))
                .body("stageLabel", is("超期需督办")).body("daysOverdue", is(7));
        as(DESK).get("/api/v1/issues/" + onTime).then().body("stage", is("ON_TIME"));

        as(OFFICE).queryParam("stage", "NEEDS_SUPERVISION").queryParam("limit", 100).get("/api/v1/issues").then()
                .statusCode(200).body("items.id", hasItem(late)).body("items.id", not(hasItem(onTime)));
        as(OFFICE).queryParam("stage", "ON_TIME").queryParam("limit", 100).get("/api/v1/issues").then()
                .body("items.id", hasItem(onTime)).body("items.id", not(hasItem(late)));
        as(OFFICE).queryParam("stage", "OVERDUE").queryParam("limit", 100).get("/api/v1/issues").then()
                .body("items.id", not(hasItem(late)));

        List<String> expected = as(OFFICE).queryParam("stage", "NEEDS_SUPERVISION").queryParam("limit", 100)
                .get("/api/v1/issues").then().extract().path("items.ledgerNo");
        byte[] xlsx = as(OFFICE).accept(LedgerWorkbook.MEDIA_TYPE).queryParam("stage", "NEEDS_SUPERVISION")
                .get("/api/v1/issues/export.xlsx").then().statusCode(200)
                .contentType(LedgerWorkbook.MEDIA_TYPE).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("诉求台账");
            assertNotNull(sheet);
            Row header = sheet.getRow(0);
            assertEquals("台账编号", header.getCell(0).getStringCellValue());
            assertEquals("办理阶段", header.getCell(11).getStringCellValue());
            assertNotNull(sheet.getPaneInformation());
            assertTrue(sheet.getPaneInformation().isFreezePane());
            List<String> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                rows.add(sheet.getRow(r).getCell(0).getStringCellValue());
                assertEquals("超期需督办", sheet.getRow(r).getCell(11).getStringCellValue());
            }
            assertEquals(expected, rows);
            Row lateRow = sheet.getRow(1 + rows.indexOf(as(DESK).get("/api/v1/issues/" + late).then()
                    .extract().path("ledgerNo")));
            assertEquals(7.0, lateRow.getCell(12).getNumericCellValue());
        }
        as(CONTACT_1).accept(LedgerWorkbook.MEDIA_TYPE).get("/api/v1/issues/export.xlsx").then().statusCode(403);
    }

    @Test
    void theOfficeKeepsTheCategoryCatalogue() {
        as(OFFICE).body(Map.of("name", "知识产权", "deadlineDays", 12, "urgentDeadlineDays", 4, "sortOrder", 10))
                .put("/api/v1/issue-categories/IP_RIGHTS").then().statusCode(200).body("name", is("知识产权"));
        as(CONTACT_1).get("/api/v1/issue-categories").then().statusCode(200)
                .body("find { it.code == 'IP_RIGHTS' }.deadlineDays", is(12))
                .body("code", hasItem("POLICY"));
        as(OFFICE).body(Map.of("name", "知识产权", "deadlineDays", 3, "urgentDeadlineDays", 5, "sortOrder", 10))
                .put("/api/v1/issue-categories/IP_RIGHTS").then().statusCode(400)
                .body("errors[0].field", is("urgentDeadlineDays"));
        as(OFFICE).body(Map.of("name", "政策咨询", "deadlineDays", 3, "urgentDeadlineDays", 1, "sortOrder", 10))
                .put("/api/v1/issue-categories/IP_RIGHTS").then().statusCode(409).body("code", is("DUPLICATE_NAME"));
        as(DESK).body(Map.of("name", "越权类别", "deadlineDays", 3, "urgentDeadlineDays", 1, "sortOrder", 10))
                .put("/api/v1/issue-categories/NOPE").then().statusCode(403);
        String id = IssueFlowTest.register(DESK, Visits.enterpriseId("同兴达"), "知识产权纠纷");
        as(DESK).get("/api/v1/issues/" + id).then().body("category", is("TALENT"));
    }

    @Test
    void aDepartmentCanNoLongerReturnAnIssueAfterOneWorkingDay() throws Exception {
        String id = forwarded("退回时限测试");
        LocalDate threeWorkingDaysAgo = calendar.days().minus(calendar.today(), 3);
        set(id, "forwarded_at", at10(threeWorkingDaysAgo));
        IssueFlowTest.act(DEPARTMENT, id, "return", 1, Map.of("reason", "太晚了")).statusCode(409)
                .body("code", is("INVALID_TRANSITION"));
        IssueFlowTest.act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200);
    }

    /**
     * One definition of the ladder: around today (and so on every hard day), each running issue is found by
     * the ledger's stage filter exactly where its own view puts it, and counted overdue by the dashboard
     * when it is.
     */
    @Test
    void theStageFilterAndTheViewAgreeForEveryDueDateAroundToday() throws Exception {
        String enterprise = as(OFFICE).body(Fixtures.enterprise("阶梯一致性企业" + UUID.randomUUID().toString().substring(0, 6),
                cn.zoufang.demo.DemoData.demoCreditCode(1500 + (int) (Math.random() * 400)))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
        String economy = Fixtures.departmentId("区经发局");
        Map<String, String> stageOf = new java.util.HashMap<>();
        try (TestClock.Held held = TestClock.hold()) {
            LocalDate today = TestClock.today();
            for (int offset = -14; offset <= 10; offset++) {
                String id = UUID.randomUUID().toString();
                as(DESK).body(Map.of("id", id, "enterpriseId", enterprise, "category", "POLICY", "title", "阶梯" + offset,
                        "description", "阶梯一致性")).post("/api/v1/issues").then().statusCode(201);
                as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy))
                        .post("/api/v1/issues/" + id + "/forward").then().statusCode(200);
                cn.zoufang.testsupport.Db.execute("update issue set due_date = '" + today.plusDays(offset) + "' where id = '" + id + "'");
                stageOf.put(id, as(DESK).get("/api/v1/issues/" + id).then().statusCode(200).extract().path("stage"));
            }
            for (Stage stage : Stage.values()) {
                List<String> found = as(OFFICE).queryParam("enterpriseId", enterprise).queryParam("stage", stage.name())
                        .queryParam("limit", 100).get("/api/v1/issues").then().statusCode(200).extract().path("items.id");
                List<String> expected = stageOf.entrySet().stream().filter(e -> e.getValue().equals(stage.name()))
                        .map(Map.Entry::getKey).sorted().toList();
                assertEquals(expected, found.stream().sorted().toList(), stage + " on " + today);
            }
        }
        assertTrue(stageOf.values().containsAll(List.of("ON_TIME", "DUE_SOON", "OVERDUE", "NEEDS_SUPERVISION")), stageOf.toString());
    }
}
