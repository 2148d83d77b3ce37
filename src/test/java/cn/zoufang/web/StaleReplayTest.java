package cn.zoufang.web;

import static org.hamcrest.Matchers.is;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.People.Person;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One order of checks on every workflow (mobile-contract/writes.md): a stale replay of a step the object
 * has moved past answers 412 on an issue, a visit and a monthly report alike; the same step on the current
 * version answers 409.
 */
@QuarkusTest
class StaleReplayTest extends ApiTest {

    @Test
    void anIssueAnswers412BeforeItsState() {
        String issue = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", issue, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "POLICY",
                "title", "重放测试", "description", "重放测试")).post("/api/v1/issues").then().statusCode(201);
        Map<String, String> forward = Map.of("leadDepartmentId", Fixtures.departmentId("区经发局"));
        as(DESK).header("If-Match", "\"0\"").body(forward).post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);
        as(DESK).header("If-Match", "\"0\"").body(forward).post("/api/v1/issues/" + issue + "/forward").then()
                .statusCode(412).body("code", is("PRECONDITION_FAILED"));
        as(DESK).header("If-Match", "\"1\"").body(forward).post("/api/v1/issues/" + issue + "/forward").then()
                .statusCode(409).body("code", is("INVALID_TRANSITION"));
    }

    @Test
    void aVisitAnswers412BeforeItsState() {
        String visit = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Map<String, String> cancel = Map.of("reason", "改期");
        as(OFFICIAL_1).header("If-Match", "\"0\"").body(cancel).post("/api/v1/visits/" + visit + "/cancel").then().statusCode(200);
        as(OFFICIAL_1).header("If-Match", "\"0\"").body(cancel).post("/api/v1/visits/" + visit + "/cancel").then()
                .statusCode(412).body("code", is("PRECONDITION_FAILED"));
        as(OFFICIAL_1).header("If-Match", "\"1\"").body(cancel).post("/api/v1/visits/" + visit + "/cancel").then()
                .statusCode(409).body("code", is("INVALID_STATE"));
    }

    @Test
    void aMonthlyReportAnswers412BeforeItsState() {
        Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        String group = as(OFFICE).body(Map.of("name", "重放测试小组" + leader.phone(), "leaderId", leader.id()))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        String report = "/api/v1/groups/" + group + "/reports/" + YearMonth.from(TestClock.today()).minusMonths(1);
        String etag = as(leader.phone()).body(Map.of("progress", "走访 3 家", "problemsSolved", "无", "nextPlan", "继续走访"))
                .put(report).then().statusCode(201).extract().header("ETag");
        String submitted = as(leader.phone()).header("If-Match", etag).post(report + "/submit").then().statusCode(200)
                .extract().header("ETag");
        as(leader.phone()).header("If-Match", etag).post(report + "/submit").then()
                .statusCode(412).body("code", is("PRECONDITION_FAILED"));
        as(leader.phone()).header("If-Match", submitted == null
                ? as(leader.phone()).get(report).then().extract().header("ETag") : submitted)
                .post(report + "/submit").then().statusCode(409).body("code", is("INVALID_STATE"));
    }
}
