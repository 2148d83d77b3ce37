package cn.zoufang.ledger;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class IssueFlowTest extends ApiTest {

    static String register(String phone, String enterpriseId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("enterpriseId", enterpriseId);
        body.put("category", "TALENT");
        body.put("title", title);
        body.put("description", "企业反映技术工人招聘困难，希望协助对接职业院校。");
        return as(phone).body(body).post("/api/v1/issues").then().statusCode(201)
                .body("status", is("REGISTERED"))
                .extract().path("id");
    }

    static ValidatableResponse act(String phone, String id, String action, long version, Map<String, Object> body) {
        return as(phone).header("If-Match", "\"" + version + "\"").body(body)
                .post("/api/v1/issues/" + id + "/" + action).then();
    }

    static long version(String id) {
        return as(OFFICE).get("/api/v1/issues/" + id).then().statusCode(200).extract().jsonPath().getLong("version");
    }

    @Test
    void theEnterpriseFlowFromItsPhoneToCloseOut() {
        String economy = Fixtures.departmentId("区经发局");
        String id = register(CONTACT_1, Visits.enterpriseId("欧菲光"), "招工难");
        as(CONTACT_1).get("/api/v1/issues/" + id).then().statusCode(200)
                .body("ledgerNo", matchesPattern("\\d{4}-\\d{6}"))
                .body("source", is("ENTERPRISE"))
                .body("categoryLabel", is("用工与人才"));

        act(DESK, id, "forward", 0, Map.of("leadDepartmentId", economy, "note", "请经发局牵头，三个工作日内联系企业"))
                .statusCode(200).body("status", is("FORWARDED"))
                .body("leadDepartment.name", is("区经发局"))
                .body("dueDate", notNullValue())
                .body("stage", notNullValue());
        act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200).body("status", is("IN_PROGRESS"));
        act(DEPARTMENT, id, "respond", 2, Map.of("response", "已联系两所职业院校，下周组织专场招聘。", "resolution", "RESOLVED"))
                .statusCode(200).body("status", is("RESPONDED"));
        act(CONTACT_1, id, "confirm", 3, Map.of("satisfied", false, "rating", 2, "comment", "招聘会时间太晚"))
                .statusCode(200).body("status", is("IN_PROGRESS")).body("rating", is(2));
        as(DEPARTMENT).queryParam("limit", 100).get("/api/v1/inbox").then()
                .body("items.findAll { it.objectId == '" + id + "' }.type", org.hamcrest.Matchers.hasItem("ISSUE_REOPENED"));
        as(CONTACT_1).queryParam("limit", 100).get("/api/v1/inbox").then()
                .body("items.findAll { it.objectId == '" + id + "' }.type", org.hamcrest.Matchers.hasItem("ISSUE_ANSWERED"));
        act(DEPARTMENT, id, "respond", 4, Map.of("response", "招聘会提前至本周五。", "resolution", "RESOLVED"))
                .statusCode(200).body("status", is("RESPONDED"));
        act(CONTACT_1, id, "confirm", 5, Map.of("satisfied", true, "rating", 5)).statusCode(200)
                .body("status", is("SATISFIED"));
        act(DESK, id, "close-out", 6, Map.of()).statusCode(200)
                .body("status", is("CLOSED"))
                .body("closeReason", is("RESOLVED"))
                .body("closeReasonLabel", is("已解决"))
                .body("stage", nullValue());

        List<String> steps = List.of("REGISTER", "FORWARD", "ACCEPT", "RESPOND", "CONFIRM", "REOPEN", "RESPOND",
                "CONFIRM", "CLOSE_OUT");
        as(DESK).get("/api/v1/issues/" + id + "/timeline").then().statusCode(200)
                .body("action", contains(steps.toArray()))
                .body("[1].text", is("请经发局牵头，三个工作日内联系企业"))
                .body("[1].actor.name", is("刘窗口（企情收处中心）"))
                .body("[4].text", is("不满意，评分 2：招聘会时间太晚"));
        as(CONTACT_1).get("/api/v1/issues/" + id + "/timeline").then().statusCode(200)
                .body("action", contains(steps.toArray()))
                .body("[1].text", nullValue())
                .body("[1].actor", nullValue())
                .body("[1].actorRole", is("企情收处中心"))
                .body("[3].text", is("已联系两所职业院校，下周组织专场招聘。"))
                .body("[6].text", is("招聘会提前至本周五。"))
                .body("[0].actor.name", is("欧菲光联系人"));
    }

    @Test
    void theLedgerPagesWithoutGapsOrRepeatsNewestFirst() {
        String ofilm = Visits.enterpriseId("欧菲光");
        for (int k = 0; k < 5; k++) {
            register(OFFICIAL_1, ofilm, "分页测试" + k);
        }
        List<String> whole = as(OFFICIAL_1).get("/api/v1/issues?limit=12").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 4; page++) {
            var body = as(OFFICIAL_1).get("/api/v1/issues?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            paged.addAll(body.getList("items.id"));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(whole, paged);
        List<String> created = as(OFFICIAL_1).get("/api/v1/issues?limit=12").then().extract().jsonPath()
                .getList("items.createdAt");
        List<String> sorted = new java.util.ArrayList<>(created);
        sorted.sort(java.util.Comparator.comparing((String t) -> java.time.OffsetDateTime.parse(t)).reversed());
        org.junit.jupiter.api.Assertions.assertEquals(sorted, created);

        // The page names what it refers to: enterprise, category, lead and assisting departments.
        String forwarded = whole.get(0);
        act(DESK, forwarded, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局"),
                "assistingDepartmentIds", List.of(Fixtures.departmentId("区招商局"), Fixtures.departmentId("区住建局"))))
                .statusCode(200);
        as(OFFICIAL_1).get("/api/v1/issues?limit=12").then().statusCode(200)
                .body("items.find { it.id == '" + forwarded + "' }.enterpriseName", is("欧菲光（演示）"))
                .body("items.find { it.id == '" + forwarded + "' }.categoryLabel", notNullValue())
                .body("items.find { it.id == '" + forwarded + "' }.leadDepartment.name", is("区经发局"))
                .body("items.find { it.id == '" + forwarded + "' }.assistingDepartments.name", contains("区住建局", "区招商局"));
    }

    @Test
    void aDepartmentMayReturnAnIssueOnlyOnce() {
        String economy = Fixtures.departmentId("区经发局");
        String id = register(DESK, Visits.enterpriseId("同兴达"), "用地指标");
        act(DESK, id, "forward", 0, Map.of("leadDepartmentId", economy)).statusCode(200);
        act(DEPARTMENT, id, "return", 1, Map.of("reason", "属国土分局职责")).statusCode(200)
                .body("status", is("RETURNED")).body("leadDepartment", nullValue());
        as(DEPARTMENT).get("/api/v1/issues/" + id).then().statusCode(404);
        act(DESK, id, "forward", 2, Map.of("leadDepartmentId", economy)).statusCode(200);
        act(DEPARTMENT, id, "return", 3, Map.of("reason", "再次退回")).statusCode(409)
                .body("code", is("INVALID_TRANSITION"));
        as(DESK).get("/api/v1/issues/" + id).then().body("status", is("FORWARDED")).body("version", is(3));
    }

    @Test
    void anotherEnterpriseAnotherGroupAndAnUnrelatedDepartmentGet404() {
        String economy = Fixtures.departmentId("区经发局");
        String id = register(OFFICIAL_1, Visits.enterpriseId("欧菲光"), "电力增容");
        act(LEADER_1, id, "forward", 0, Map.of("leadDepartmentId", economy)).statusCode(200);
        String other = "13911113333";
        People.create(other, People.STRONG, List.of("DEPARTMENT_HANDLER"), Fixtures.departmentId("区招商局"), null);
        for (String outsider : List.of(CONTACT_2, OFFICIAL_2, other)) {
            as(outsider).get("/api/v1/issues/" + id).then().statusCode(404).body("code", is("NOT_FOUND"));
            as(outsider).get("/api/v1/issues/" + id + "/timeline").then().statusCode(404);
            act(outsider, id, "accept", 1, Map.of()).statusCode(404);
        }
        as(DEPARTMENT).get("/api/v1/issues/" + id).then().statusCode(200).body("source", is("VISIT"));
        as(OFFICIAL_1).queryParam("enterpriseId", Visits.enterpriseId("欧菲光")).get("/api/v1/issues").then()
                .statusCode(200).body("items.enterpriseName", everyItem(is("欧菲光（演示）")));
        String group1 = Fixtures.groupOf(LEADER_1);
        // The group filter gives the issues of the enterprises assigned to the group today, and only those.
        List<String> groupsEnterprises = as(LEADER_1).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .statusCode(200).extract().path("items.id");
        as(OFFICE).queryParam("groupId", group1).queryParam("limit", 100).get("/api/v1/issues").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id))
                .body("items.enterpriseId", everyItem(org.hamcrest.Matchers.in(groupsEnterprises)));
    }

    @Test
    void twoDepartmentsActingAtOnceOneWinsTheOtherGets412() throws Exception {
        String id = register(DESK, Visits.enterpriseId("同兴达"), "并发测试");
        act(DESK, id, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局"))).statusCode(200);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var answers = pool.invokeAll(List.<java.util.concurrent.Callable<Integer>>of(
                    () -> act(DEPARTMENT, id, "accept", 1, Map.of()).extract().statusCode(),
                    () -> act(OFFICE, id, "supervise", 1, Map.of("note", "加快")).extract().statusCode()));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            statuses.sort(null);
            org.junit.jupiter.api.Assertions.assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdown();
        }
        as(DESK).get("/api/v1/issues/" + id).then().body("version", is(2));
    }

    @Test
    void twoContactsRatingAtOnceOneWinsTheOtherIsRefused() throws Exception {
        // Not satisfied: the rating and the reopening it causes are two events, the step's longest write.
        String enterprise = Visits.enterpriseId("欧菲光");
        String second = "19900002" + (100 + (int) (Math.random() * 800));
        People.create(second, People.STRONG, List.of("ENTERPRISE_CONTACT"), null, enterprise);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = register(CONTACT_1, enterprise, "并发评价测试");
                act(DESK, id, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局"))).statusCode(200);
                act(DEPARTMENT, id, "accept", 1, Map.of()).statusCode(200);
                act(DEPARTMENT, id, "respond", 2, Map.of("response", "已办理。", "resolution", "RESOLVED")).statusCode(200);
                Map<String, Object> unsatisfied = Map.of("satisfied", false, "rating", 2);
                var answers = pool.invokeAll(List.<java.util.concurrent.Callable<Integer>>of(
                        () -> act(CONTACT_1, id, "confirm", 3, unsatisfied).extract().statusCode(),
                        () -> act(second, id, "confirm", 3, unsatisfied).extract().statusCode()));
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var a : answers) {
                    statuses.add(a.get());
                }
                statuses.sort(null);
                // The later one finds either the version moved (412) or, if the first had committed before it
                // read the issue, the state moved (409): never a 500, never both.
                org.junit.jupiter.api.Assertions.assertEquals(200, statuses.get(0), "round " + round + ": " + statuses);
                org.junit.jupiter.api.Assertions.assertTrue(statuses.get(1) == 409 || statuses.get(1) == 412,
                        "round " + round + ": " + statuses);
                as(DESK).get("/api/v1/issues/" + id + "/timeline").then().statusCode(200)
                        .body("findAll { it.action == 'CONFIRM' }.size()", is(1))
                        .body("findAll { it.action == 'REOPEN' }.size()", is(1));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void forbiddenStepsAre409AndChangeNothing() {
        String economy = Fixtures.departmentId("区经发局");
        String id = register(CONTACT_1, Visits.enterpriseId("欧菲光"), "政策咨询");
        act(DEPARTMENT, id, "accept", 0, Map.of()).statusCode(404); // not forwarded to it: out of its scope
        act(DESK, id, "close-out", 0, Map.of()).statusCode(409).body("code", is("INVALID_TRANSITION"));
        act(CONTACT_1, id, "forward", 0, Map.of("leadDepartmentId", economy)).statusCode(409);
        act(DESK, id, "forward", 0, Map.of("leadDepartmentId", economy)).statusCode(200);
        act(CONTACT_1, id, "accept", 1, Map.of()).statusCode(409);
        act(DESK, id, "respond", 1, Map.of("response", "越权答复", "resolution", "RESOLVED")).statusCode(409);
        act(DEPARTMENT, id, "confirm", 1, Map.of("satisfied", true, "rating", 5)).statusCode(409);
        act(DEPARTMENT, id, "accept", 0, Map.of()).statusCode(412).body("code", is("PRECONDITION_FAILED"));
        as(DESK).get("/api/v1/issues/" + id).then().body("status", is("FORWARDED")).body("version", is(1));
        as(DESK).get("/api/v1/issues/" + id + "/timeline").then().body("size()", is(2));
        act(CONTACT_1, id, "withdraw", 1, Map.of("note", "问题已自行解决")).statusCode(200)
                .body("status", is("CLOSED")).body("closeReason", is("WITHDRAWN"));
    }

    @Test
    void aFollowUpVisitChecksOnAClosedIssue() {
        String ofilm = Visits.enterpriseId("欧菲光");
        String id = register(CONTACT_1, ofilm, "回访测试");
        act(CONTACT_1, id, "withdraw", 0, Map.of()).statusCode(200);
        String ledgerNo = as(OFFICIAL_1).get("/api/v1/issues/" + id).then().extract().path("ledgerNo");

        Map<String, Object> visit = Visits.newVisit(UUID.randomUUID().toString(), ofilm);
        visit.put("kind", "FOLLOW_UP");
        visit.put("issueIds", List.of(id));
        as(OFFICIAL_1).body(visit).post("/api/v1/visits").then().statusCode(201)
                .body("kindLabel", is("回访"))
                .body("detail.issues[0].ledgerNo", is(ledgerNo))
                .body("detail.issues[0].status", is("CLOSED"));

        Map<String, Object> regular = Visits.newVisit(UUID.randomUUID().toString(), ofilm);
        regular.put("issueIds", List.of(id));
        as(OFFICIAL_1).body(regular).post("/api/v1/visits").then().statusCode(400)
                .body("errors[0].field", is("issueIds"));
        String otherEnterprise = register(DESK, Visits.enterpriseId("同兴达"), "别家的诉求");
        Map<String, Object> wrong = Visits.newVisit(UUID.randomUUID().toString(), ofilm);
        wrong.put("kind", "FOLLOW_UP");
        wrong.put("issueIds", List.of(otherEnterprise));
        as(OFFICIAL_1).body(wrong).post("/api/v1/visits").then().statusCode(400)
                .body("errors[0].field", is("issueIds[0]"));
    }
}
