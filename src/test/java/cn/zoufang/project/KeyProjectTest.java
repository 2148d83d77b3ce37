package cn.zoufang.project;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** 一月一报表、两月一调度: a key project's monthly report cycle, its problems in the ledger, the 调度 list. */
@QuarkusTest
class KeyProjectTest extends ApiTest {

    @Inject
    ProjectNotices notices;

    private static Map<String, Object> project(String name, String enterprise, String department, YearMonth start,
            YearMonth end) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("enterpriseId", enterprise);
        m.put("departmentId", department);
        m.put("plannedInvestment", 12000.5);
        m.put("startMonth", start.toString());
        m.put("endMonth", end.toString());
        return m;
    }

    private static Map<String, Object> report(YearMonth month, double invested, double planned, boolean blocked,
            List<Map<String, Object>> problems) {
        Map<String, Object> m = new HashMap<>();
        m.put("month", month.toString());
        m.put("investedToDate", invested);
        m.put("plannedToDate", planned);
        m.put("progress", "主体结构施工");
        m.put("milestones", "完成基础施工");
        m.put("blocked", blocked);
        m.put("problems", problems);
        return m;
    }

    private static Map<String, Object> problem(String category, String title) {
        return Map.of("category", category, "title", title, "description", title + "，需协调解决");
    }

    private record Setup(String department, People.Person handler, String enterprise) {
    }

    private static Setup setup(int creditCode) {
        String department = Fixtures.newDepartment("项目测试单位");
        People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), department, null);
        String enterprise = as(OFFICE).body(Fixtures.enterprise("重点项目测试企业" + creditCode, DemoData.demoCreditCode(creditCode)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        return new Setup(department, handler, enterprise);
    }

    @Test
    void theOfficeRegistersAProjectAndBadInputChangesNothing() throws Exception {
        Setup s = setup(9770);
        YearMonth now = TestClock.thisMonth();
        long before = Db.count("select count(*) from key_project");
        invalidAs(OFFICE).body(project("倒置项目", s.enterprise(), s.department(), now, now.minusMonths(1)))
                .post("/api/v1/projects").then().statusCode(400).body("errors[0].field", is("endMonth"));
        invalidAs(OFFICE).body(project("无企业项目", UUID.randomUUID().toString(), s.department(), now, now))
                .post("/api/v1/projects").then().statusCode(400).body("errors[0].field", is("enterpriseId"));
        invalidAs(OFFICE).body(project("无单位项目", s.enterprise(), UUID.randomUUID().toString(), now, now))
                .post("/api/v1/projects").then().statusCode(400).body("errors[0].field", is("departmentId"));
        Map<String, Object> negative = project("负投资项目", s.enterprise(), s.department(), now, now);
        negative.put("plannedInvestment", -1);
        invalidAs(OFFICE).body(negative).post("/api/v1/projects").then().statusCode(400)
                .body("errors[0].field", is("plannedInvestment"));
        as(s.handler().phone()).body(project("越权项目", s.enterprise(), s.department(), now, now))
                .post("/api/v1/projects").then().statusCode(403);
        assertEquals(before, Db.count("select count(*) from key_project"));

        var created = as(OFFICE).body(project("智能制造产业园一期", s.enterprise(), s.department(), now.minusMonths(2), now.plusMonths(10)))
                .post("/api/v1/projects").then().statusCode(201)
                .body("status", is("ACTIVE")).body("statusLabel", is("在建"))
                .body("plannedInvestment", is(12000.5))
                .body("department.id", is(s.department())).body("latestReport", nullValue())
                .extract();
        String id = created.path("id");
        // The department sees its own project; another department's handler does not (404, as if missing).
        as(s.handler().phone()).get("/api/v1/projects/" + id).then().statusCode(200);
        as(DEPARTMENT).get("/api/v1/projects/" + id).then().statusCode(404);
        as(s.handler().phone()).get("/api/v1/projects").then().statusCode(200).body("items.id", contains(id));

        // Completed: no more reports asked or taken.
        Map<String, Object> done = project("智能制造产业园一期", s.enterprise(), s.department(), now.minusMonths(2), now.plusMonths(10));
        done.put("status", "COMPLETED");
        invalidAs(OFFICE).body(done).put("/api/v1/projects/" + id).then().statusCode(428);
        as(OFFICE).header("If-Match", created.header("ETag")).body(done).put("/api/v1/projects/" + id).then()
                .statusCode(200).body("status", is("COMPLETED"));
        as(OFFICE).header("If-Match", created.header("ETag")).body(done).put("/api/v1/projects/" + id).then().statusCode(412);
        as(s.handler().phone()).body(report(now, 100, 200, false, null)).post("/api/v1/projects/" + id + "/reports")
                .then().statusCode(409).body("code", is("INVALID_STATE"));
    }

    @Test
    void aMonthlyReportCycleIsRemindedOnceAndItsProblemBecomesAnIssue() throws Throwable {
        Setup s = setup(9771);
        try (var held = TestClock.hold()) {
            YearMonth now = TestClock.thisMonth();
            YearMonth twoAgo = now.minusMonths(2);
            YearMonth last = now.minusMonths(1);
            String id = as(OFFICE).body(project("新能源电池项目", s.enterprise(), s.department(), twoAgo, now.plusMonths(12)))
                    .post("/api/v1/projects").then().statusCode(201).extract().path("id");
            String handler = s.handler().phone();

            // Last month's report: due from the 1st, reminded two days before the due day, late after it; each once.
            LocalDate due = LocalDate.parse(as(OFFICE).queryParam("month", last.toString())
                    .get("/api/v1/projects/report-cycle").then().statusCode(200).extract().path("dueDate"));
            for (LocalDate day : List.of(now.atDay(1), due.minusDays(2), due.plusDays(1), due.plusDays(1))) {
                VertxContextSupport.subscribeAndAwait(() -> notices.run(day));
            }
            as(handler).queryParam("month", last.toString()).get("/api/v1/projects/report-cycle").then().statusCode(200)
                    .body("projects.projectId", contains(id))
                    .body("projects[0].noticesSent", contains("PROJECT_REPORT_DUE", "PROJECT_REPORT_REMINDER", "PROJECT_REPORT_LATE"))
                    .body("projects[0].status", is(TestClock.today().isAfter(due) ? "OVERDUE" : "DUE"));
            for (String type : List.of("PROJECT_REPORT_DUE", "PROJECT_REPORT_REMINDER", "PROJECT_REPORT_LATE")) {
                assertEquals(1, Db.count("select count(*) from notification where type = '" + type + "' and object_id = '"
                        + id + "' and account_id = '" + s.handler().id() + "'"), type);
            }

            // Two months ago: past its due day, so late whatever today is.
            as(handler).queryParam("month", twoAgo.toString()).get("/api/v1/projects/report-cycle").then()
                    .body("projects[0].status", is("OVERDUE"));
            long issuesBefore = Db.count("select count(*) from issue where project_id = '" + id + "'");
            invalidAs(handler).body(report(twoAgo, 300, 1000, true, List.of(problem("NO_SUCH", "用地指标不足"))))
                    .post("/api/v1/projects/" + id + "/reports").then().statusCode(400)
                    .body("errors[0].field", is("problems[0].category"));
            assertEquals(issuesBefore, Db.count("select count(*) from issue where project_id = '" + id + "'"));
            assertEquals(0, Db.count("select count(*) from key_project_report where project_id = '" + id + "'"));

            var submitted = as(handler).body(report(twoAgo, 300, 1000, true, List.of(problem("POLICY", "用地指标不足"))))
                    .post("/api/v1/projects/" + id + "/reports").then().statusCode(201)
                    .body("late", is(true)).body("completionPercent", is(30.0)).body("behindPlan", is(true))
                    .body("problems.size()", is(1)).body("problems[0].status", is("REGISTERED"))
                    .extract();
            String issue = submitted.path("problems[0].id");
            as(handler).body(report(twoAgo, 300, 1000, true, null)).post("/api/v1/projects/" + id + "/reports")
                    .then().statusCode(409).body("code", is("CONFLICT"));
            as(handler).queryParam("month", twoAgo.toString()).get("/api/v1/projects/report-cycle").then()
                    .body("projects[0].status", is("SUBMITTED_LATE"));

            // The problem is a ledger issue of the project's enterprise, linked to it, waiting for the desk.
            as(DESK).get("/api/v1/issues/" + issue).then().statusCode(200)
                    .body("source", is("PROJECT")).body("sourceLabel", is("重点项目月报"))
                    .body("projectId", is(id)).body("enterpriseId", is(s.enterprise())).body("status", is("REGISTERED"));
            as(handler).get("/api/v1/issues/" + issue).then().statusCode(200);
            as(DEPARTMENT).get("/api/v1/issues/" + issue).then().statusCode(404);

            // This month: not open yet, so on time.
            as(handler).queryParam("month", now.toString()).get("/api/v1/projects/report-cycle").then()
                    .body("projects[0].status", is("NOT_OPEN"));
            as(handler).body(report(now, 1000, 1000, false, null)).post("/api/v1/projects/" + id + "/reports")
                    .then().statusCode(201).body("late", is(false)).body("behindPlan", is(false));
            invalidAs(handler).body(report(now.plusMonths(1), 1000, 1000, false, null)).post("/api/v1/projects/" + id + "/reports")
                    .then().statusCode(400).body("errors[0].field", is("month"));
            as(DEPARTMENT).body(report(last, 1000, 1000, false, null)).post("/api/v1/projects/" + id + "/reports")
                    .then().statusCode(404);

            as(OFFICE).get("/api/v1/projects/" + id).then().statusCode(200)
                    .body("reports.month", contains(now.toString(), twoAgo.toString()))
                    .body("issues.id", contains(issue))
                    .body("project.latestReport.month", is(now.toString()));
        }
    }

    @Test
    void theTwoMonthlyDispatchListsTheProjectsBehindOrBlockedAndNotTheOnesOnTrack() throws Exception {
        Setup s = setup(9772);
        try (var held = TestClock.hold()) {
            YearMonth now = TestClock.thisMonth();
            String handler = s.handler().phone();
            String behind = as(OFFICE).body(project("滞后项目" + UUID.randomUUID().toString().substring(0, 4), s.enterprise(),
                    s.department(), now, now.plusMonths(6))).post("/api/v1/projects").then().statusCode(201).extract().path("id");
            String onTrack = as(OFFICE).body(project("正常项目" + UUID.randomUUID().toString().substring(0, 4), s.enterprise(),
                    s.department(), now, now.plusMonths(6))).post("/api/v1/projects").then().statusCode(201).extract().path("id");
            as(handler).body(report(now, 450, 1000, true, List.of(problem("POLICY", "施工许可办理缓慢"))))
                    .post("/api/v1/projects/" + behind + "/reports").then().statusCode(201);
            as(handler).body(report(now, 1000, 1000, false, null))
                    .post("/api/v1/projects/" + onTrack + "/reports").then().statusCode(201);

            YearMonth from = now.getMonthValue() % 2 == 1 ? now : now.minusMonths(1);
            var dispatch = as(OFFICE).queryParam("month", now.toString()).get("/api/v1/projects/dispatch").then()
                    .statusCode(200)
                    .body("from", is(from.toString())).body("to", is(from.plusMonths(1).toString()))
                    .body("projects.project.id", hasItems(behind))
                    .body("projects.project.id", not(hasItems(onTrack)))
                    .extract().jsonPath();
            Map<String, Object> row = dispatch.getMap("projects.find { it.project.id == '" + behind + "' }");
            String behindName = dispatch.getString("projects.find { it.project.id == '" + behind + "' }.project.name");
            assertEquals(List.of("BLOCKED", "BEHIND_PLAN", "OPEN_PROBLEMS"), row.get("reasons"));
            assertEquals(List.of("存在制约问题", "投资进度滞后", "问题尚未解决"), row.get("reasonLabels"));
            as(handler).get("/api/v1/projects/dispatch").then().statusCode(403);

            byte[] xlsx = as(OFFICE).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .queryParam("month", now.toString()).get("/api/v1/projects/dispatch.xlsx").then().statusCode(200)
                    .extract().asByteArray();
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet sheet = book.getSheet("重点项目调度");
                assertEquals("项目名称", sheet.getRow(1).getCell(0).getStringCellValue());
                boolean found = false;
                for (Row r : sheet) {
                    if (r.getRowNum() >= 2 && r.getCell(0).getStringCellValue().equals(behindName)) {
                        found = true;
                        assertEquals(45.0, r.getCell(7).getNumericCellValue(), 0.001, "完成率");
                        assertEquals("存在制约问题、投资进度滞后、问题尚未解决", r.getCell(8).getStringCellValue());
                        assertTrue(r.getCell(10).getStringCellValue().contains("施工许可办理缓慢"));
                    }
                }
                assertTrue(found, "the behind project is in the sheet");
            }
            as(OFFICE).queryParam("month", now.toString()).get("/api/v1/projects/report-cycle").then().statusCode(200)
                    .body("projects.findAll { it.projectId == '" + onTrack + "' }.status", contains("SUBMITTED"));
            as(OFFICE).queryParam("month", now.plusYears(5).toString()).get("/api/v1/projects/dispatch").then()
                    .statusCode(200).body("projects", empty());
        }
    }

    @Test
    void aMergedDepartmentsRunningProjectsGoToTheUnitItJoined() {
        Setup s = setup(9774);
        String into = Fixtures.newDepartment("项目并入单位");
        YearMonth now = TestClock.thisMonth();
        String running = as(OFFICE).body(project("并入前在建项目", s.enterprise(), s.department(), now, now.plusMonths(6)))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Map<String, Object> done = project("并入前完成项目", s.enterprise(), s.department(), now.minusMonths(6), now);
        done.put("status", "COMPLETED");
        String completed = as(OFFICE).body(done).post("/api/v1/projects").then().statusCode(201).extract().path("id");

        String etag = as(ADMIN).get("/api/v1/departments/" + s.department()).then().statusCode(200).extract().header("ETag");
        as(ADMIN).header("If-Match", etag).body(Map.of("intoId", into))
                .post("/api/v1/departments/" + s.department() + "/merge").then().statusCode(200);
        // The running one is the other unit's to report from now on; the completed one keeps its history.
        as(OFFICE).get("/api/v1/projects/" + running).then().statusCode(200).body("project.department.id", is(into));
        as(OFFICE).get("/api/v1/projects/" + completed).then().statusCode(200).body("project.department.id", is(s.department()));
    }
}
