package cn.zoufang.directory;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.People.Person;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/** People and units change: a group's leader, departments renamed and merged, categories retired. */
@QuarkusTest
class StaffTurnoverTest extends ApiTest {

    private static String newDepartment(String name) {
        return as(OFFICE).body(Map.of("name", name + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
    }

    private static String issueLedBy(String department) {
        String id = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "POLICY",
                "title", "更名合并测试诉求", "description", "更名合并测试诉求")).post("/api/v1/issues").then().statusCode(201);
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", department))
                .post("/api/v1/issues/" + id + "/forward").then().statusCode(200);
        return id;
    }

    private static String etag(String path) {
        return as(OFFICE).get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aNewLeaderTakesOverTheGroupAndItsReportsWhileTheOldTermIsKept() {
        Person first = People.create(List.of("GROUP_LEADER"), null, null);
        Person next = People.create(List.of("GROUP_LEADER"), null, null);
        String group = as(OFFICE).body(Map.of("name", "换届测试小组" + UUID.randomUUID().toString().substring(0, 6),
                "leaderId", first.id())).post("/api/v1/groups").then().statusCode(201).extract().path("id");
        String month = TestClock.thisMonth().minusMonths(1).toString();
        People.bearer(first.accessToken()).get("/api/v1/groups/" + group + "/reports/" + month).then().statusCode(200);
        People.bearer(next.accessToken()).get("/api/v1/groups/" + group + "/reports/" + month).then().statusCode(404);

        invalidAs(OFFICE).body(Map.of("accountId", next.id())).put("/api/v1/groups/" + group + "/leader").then().statusCode(428);
        as(OFFICE).header("If-Match", "\"99\"").body(Map.of("accountId", next.id())).put("/api/v1/groups/" + group + "/leader")
                .then().statusCode(412);
        as(OFFICE).header("If-Match", etag("/api/v1/groups/" + group)).body(Map.of("accountId", as(OFFICIAL_1).get("/api/v1/me").then().extract().path("id")))
                .put("/api/v1/groups/" + group + "/leader").then().statusCode(400).body("errors[0].field", is("accountId"));
        as(OFFICE).header("If-Match", etag("/api/v1/groups/" + group)).body(Map.of("accountId", next.id()))
                .put("/api/v1/groups/" + group + "/leader").then().statusCode(200)
                .body("leaderId", is(next.id())).body("members.id", not(hasItem(first.id())));

        People.bearer(next.accessToken()).get("/api/v1/groups/" + group + "/reports/" + month).then().statusCode(200);
        People.bearer(first.accessToken()).get("/api/v1/groups/" + group + "/reports/" + month).then().statusCode(404);
        as(OFFICE).get("/api/v1/groups/" + group + "/leaders").then().statusCode(200).body("$", hasSize(2))
                .body("[0].accountId", is(next.id())).body("[0].endedAt", nullValue())
                .body("[1].accountId", is(first.id())).body("[1].endedAt", not(nullValue()));
        as(ADMIN).queryParam("action", "GROUP_LEADER_CHANGE").queryParam("targetId", group).get("/api/v1/audit-events")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aRenamedDepartmentKeepsItsIssuesAndItsOldName() throws Exception {
        String department = newDepartment("更名前局");
        String issue = issueLedBy(department);
        String oldName = as(OFFICE).get("/api/v1/departments/" + department).then().statusCode(200).extract().path("name");
        as(OFFICE).header("If-Match", etag("/api/v1/departments/" + department))
                .body(Map.of("name", "更名后局" + department.substring(0, 6), "shortName", "更名后"))
                .put("/api/v1/departments/" + department).then().statusCode(200)
                .body("formerNames[0].name", is(oldName));
        // The issue still points at the unit, and the unit's handler still sees it.
        assertEquals(department, Db.text("select lead_department_id::text from issue where id = '" + issue + "'"));
        Person handler = People.create(List.of("DEPARTMENT_HANDLER"), department, null);
        People.bearer(handler.accessToken()).get("/api/v1/issues/" + issue).then().statusCode(200);
        // A name another unit has is a conflict; a stale version changes nothing.
        as(OFFICE).header("If-Match", etag("/api/v1/departments/" + department)).body(Map.of("name", "区经发局"))
                .put("/api/v1/departments/" + department).then().statusCode(409).body("code", is("DUPLICATE_NAME"));
        as(OFFICE).header("If-Match", "\"0\"").body(Map.of("name", "又一个名字"))
                .put("/api/v1/departments/" + department).then().statusCode(412);
    }

    @Test
    void aMergedDepartmentHandsItsOpenIssuesAndHandlersOnAndLeavesTheList() throws Exception {
        String from = newDepartment("被合并局");
        String into = newDepartment("合并后局");
        String open = issueLedBy(from);
        String closed = issueLedBy(from);
        Db.execute("update issue set status = 'CLOSED' where id = '" + closed + "'");
        Person handler = People.create(List.of("DEPARTMENT_HANDLER"), from, null);
        as(OFFICE).header("If-Match", etag("/api/v1/departments/" + from)).body(Map.of("intoId", from))
                .post("/api/v1/departments/" + from + "/merge").then().statusCode(400);
        as(OFFICE).header("If-Match", etag("/api/v1/departments/" + from)).body(Map.of("intoId", into))
                .post("/api/v1/departments/" + from + "/merge").then().statusCode(200).body("mergedInto", is(into));
        assertEquals(into, Db.text("select lead_department_id::text from issue where id = '" + open + "'"));
        assertEquals(from, Db.text("select lead_department_id::text from issue where id = '" + closed + "'"));
        assertEquals(into, Db.text("select department_id::text from account where id = '" + handler.id() + "'"));
        as(OFFICE).queryParam("limit", 100).get("/api/v1/departments").then().statusCode(200)
                .body("items.id", not(hasItem(from))).body("items.id", hasItem(into));
        as(OFFICE).get("/api/v1/departments/" + from).then().statusCode(200).body("mergedInto", is(into));
        // Merged once: it cannot be renamed or merged again.
        as(OFFICE).header("If-Match", etag("/api/v1/departments/" + from)).body(Map.of("intoId", into))
                .post("/api/v1/departments/" + from + "/merge").then().statusCode(404);
    }

    @Test
    void aRetiredCategoryIsNotOfferedForNewIssuesAndOldOnesKeepIt() {
        String code = "RETIRE_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
        as(OFFICE).body(Map.of("name", "将停用类别" + code, "deadlineDays", 5, "urgentDeadlineDays", 2, "sortOrder", 90))
                .put("/api/v1/issue-categories/" + code).then().statusCode(200).body("retired", is(false));
        String old = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", old, "enterpriseId", Visits.enterpriseId("同兴达"), "category", code,
                "title", "旧类别诉求", "description", "旧类别诉求")).post("/api/v1/issues").then().statusCode(201);
        as(OFFICE).body(Map.of("name", "将停用类别" + code, "deadlineDays", 5, "urgentDeadlineDays", 2, "sortOrder", 90,
                "retired", true)).put("/api/v1/issue-categories/" + code).then().statusCode(200).body("retired", is(true));
        as(DESK).body(Map.of("id", UUID.randomUUID().toString(), "enterpriseId", Visits.enterpriseId("同兴达"), "category", code,
                "title", "新诉求", "description", "新诉求")).post("/api/v1/issues").then().statusCode(400)
                .body("errors[0].field", is("category"));
        as(DESK).get("/api/v1/issues/" + old).then().statusCode(200).body("category", is(code));
        as(DESK).get("/api/v1/issue-categories").then().statusCode(200).body("find { it.code == '" + code + "' }.retired", is(true));
    }
}
