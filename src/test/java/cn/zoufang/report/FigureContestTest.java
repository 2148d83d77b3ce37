package cn.zoufang.report;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** A group contests one of its figures; the office decides; both on record, each seen by whom it concerns. */
@QuarkusTest
class FigureContestTest extends ApiTest {

    @Test
    void aGroupContestsItsOwnFigureAndTheOfficeDecidesOnce() {
        // "Last month" and "this month" are worked out here: the month must not turn between them and the calls.
        try (var held = TestClock.hold()) {
            contestAndDecide();
        }
    }

    private void contestAndDecide() {
        String group = Fixtures.groupOf(LEADER_1);
        String lastMonth = TestClock.thisMonth().minusMonths(1).toString();
        Number figure = as(OFFICE).get("/api/v1/dashboard/periods/" + lastMonth).then().statusCode(200).extract()
                .jsonPath().<Map<String, Object>>getList("groups").stream().filter(g -> group.equals(g.get("key")))
                .map(g -> (Number) ((Map<?, ?>) g.get("current")).get("visitsCompleted")).findFirst().orElseThrow();
        Map<String, Object> body = Map.of("period", lastMonth, "metric", "visitsCompleted", "dimension", "GROUP",
                "unitId", group, "reason", "月底有一次走访因网络问题次日才完成，应计入本月");
        String id = as(LEADER_1).body(body).post("/api/v1/figure-contests").then().statusCode(201)
                .body("status", is("OPEN")).body("figure", is(String.valueOf(figure.longValue())))
                .body("metricName", is("完成走访次数")).extract().path("id");

        // The office is told, with nothing but the contest's id (the push leaves the country).
        assertTrue(inbox(OFFICE).contains(Map.of("type", "FIGURE_CONTEST_RAISED", "objectId", id)), inbox(OFFICE).toString());
        assertTrue(inbox(LEADER_1).stream().noneMatch(n -> id.equals(n.get("objectId"))), "the raiser is not told of their own act");

        // Another group's official, a department's handler: no such unit for them. The running month: not yet.
        as(OFFICIAL_2).body(body).post("/api/v1/figure-contests").then().statusCode(404);
        People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), Fixtures.newDepartment("异议测试局"), null);
        as(handler.phone()).body(body).post("/api/v1/figure-contests").then().statusCode(404);
        as(LEADER_1).body(Map.of("period", TestClock.thisMonth().toString(), "metric", "visitsCompleted", "dimension", "GROUP",
                "unitId", group, "reason", "本月")).post("/api/v1/figure-contests").then().statusCode(409)
                .body("code", is("INVALID_STATE"));
        as(LEADER_1).body(Map.of("period", lastMonth, "metric", "noSuchFigure", "dimension", "GROUP",
                "unitId", group, "reason", "不存在的指标")).post("/api/v1/figure-contests").then().statusCode(400);

        // Seen by the group and the office and 区巡查办, not by another group.
        assertTrue(as(LEADER_1).get("/api/v1/figure-contests").then().statusCode(200).extract().jsonPath()
                .getList("id").contains(id));
        assertTrue(as(DemoData.INSPECTOR).queryParam("status", "OPEN").get("/api/v1/figure-contests").then().statusCode(200)
                .extract().jsonPath().getList("id").contains(id));
        assertTrue(!as(OFFICIAL_2).get("/api/v1/figure-contests").then().statusCode(200).extract().jsonPath()
                .getList("id").contains(id));
        as(OFFICIAL_2).get("/api/v1/figure-contests/" + id).then().statusCode(404);

        String etag = as(OFFICE).get("/api/v1/figure-contests/" + id).then().statusCode(200).extract().header("ETag");
        invalidAs(OFFICE).contentType("application/json").body(Map.of("upheld", true, "decision", "核实属实"))
                .post("/api/v1/figure-contests/" + id + "/decision").then().statusCode(428);
        as(OFFICE).header("If-Match", etag).body(Map.of("upheld", true, "decision", "核实属实，已请小组补录走访完成时间"))
                .post("/api/v1/figure-contests/" + id + "/decision").then().statusCode(200).body("status", is("UPHELD"))
                .body("statusLabel", is("异议成立"));
        // Whoever raised it is told of the decision.
        assertTrue(inbox(LEADER_1).contains(Map.of("type", "FIGURE_CONTEST_DECIDED", "objectId", id)), inbox(LEADER_1).toString());
        String decided = as(OFFICE).get("/api/v1/figure-contests/" + id).then().extract().header("ETag");
        as(OFFICE).header("If-Match", decided).body(Map.of("upheld", false, "decision", "再决定一次"))
                .post("/api/v1/figure-contests/" + id + "/decision").then().statusCode(409).body("code", is("INVALID_STATE"));
        // The kept figure did not move: the decision is on record, the figures are history's.
        as(OFFICE).get("/api/v1/figure-contests/" + id).then().body("figure", is(String.valueOf(figure.longValue())))
                .body("decision", is("核实属实，已请小组补录走访完成时间"));
    }

    /** The latest notifications of the inbox, each as its type and object. */
    private static List<Map<String, Object>> inbox(String phone) {
        return as(phone).get("/api/v1/inbox").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                .stream().map(n -> Map.<String, Object>of("type", n.get("type"), "objectId", n.get("objectId"))).toList();
    }
}
