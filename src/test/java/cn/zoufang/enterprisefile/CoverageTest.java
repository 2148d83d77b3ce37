package cn.zoufang.enterprisefile;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/** Who the program misses: above-scale enterprises no group covers, assigned ones nobody has visited lately. */
@QuarkusTest
class CoverageTest extends ApiTest {

    private static String enterprise(String name, int code) {
        return as(OFFICE).body(Fixtures.enterprise(name, DemoData.demoCreditCode(code))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void uncoveredAndIdleEnterprisesAreListedUntilAGroupTakesThemAndVisits() {
        String alone = enterprise("覆盖测试甲", 9740);
        String neglected = enterprise("覆盖测试乙", 9741);
        String visited = enterprise("覆盖测试丙", 9742);
        People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        People.Person official = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "覆盖测试帮扶组", "leaderId", leader.id(), "memberIds", List.of(official.id())))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        for (String e : List.of(neglected, visited)) {
            as(OFFICE).body(Map.of("enterpriseId", e)).post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);
        }
        String visit = Visits.plan(official.phone(), visited);
        Visits.checkIn(official.phone(), visit, "\"0\"", Visits.position(28.75, 115.8, 10, "GPS"));
        as(official.phone()).header("If-Match", "\"1\"").body(Map.of("findings", "生产正常"))
                .post("/api/v1/visits/" + visit + "/complete").then().statusCode(200);

        as(OFFICE).get("/api/v1/coverage").then().statusCode(200)
                .body("idleMonths", is(3))
                .body("uncovered.id", hasItem(alone)).body("uncovered.id", not(hasItem(neglected)))
                .body("uncovered.find { it.id == '" + alone + "' }.scaleCategoryLabels", is(List.of("规上工业")))
                .body("idle.id", hasItem(neglected)).body("idle.id", not(hasItem(visited))).body("idle.id", not(hasItem(alone)))
                .body("idle.find { it.id == '" + neglected + "' }.groupName", is("覆盖测试帮扶组"))
                .body("idle.find { it.id == '" + neglected + "' }.lastVisitAt", nullValue());

        // A group takes the lone one: covered now, and idle until someone visits.
        as(OFFICE).body(Map.of("enterpriseId", alone)).post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);
        as(OFFICE).get("/api/v1/coverage").then().statusCode(200)
                .body("uncovered.id", not(hasItem(alone))).body("idle.id", hasItem(alone));
        invalidAs(OFFICE).get("/api/v1/coverage?idleMonths=0").then().statusCode(400).body("errors[0].field", is("idleMonths"));
        as(DEPARTMENT).get("/api/v1/coverage").then().statusCode(403);
    }

    @Test
    void aKeyEnterpriseNoGroupCoversIsListedAndTheGovernmentsComingsAreCountedOnce() {
        // Not above scale, but key: uncovered all the same.
        Map<String, Object> body = Fixtures.enterprise("覆盖测试重点企业", DemoData.demoCreditCode(9743));
        body.put("scaleCategories", List.of());
        String key = as(OFFICE).body(body).post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String officer = People.create(List.of("DEPARTMENT_HANDLER"), Fixtures.newDepartment("店小二测试单位"), null).id();
        String etag = as(OFFICE).get("/api/v1/enterprises/" + key).then().extract().header("ETag");
        as(OFFICE).header("If-Match", etag).body(Map.of("tier", "KEY", "serviceOfficerId", officer))
                .put("/api/v1/enterprises/" + key + "/service").then().statusCode(200);
        as(OFFICE).get("/api/v1/coverage").then().statusCode(200)
                .body("uncovered.find { it.id == '" + key + "' }.serviceTier", is("KEY"))
                .body("uncovered.find { it.id == '" + key + "' }.scaleCategoryLabels", is(List.of()));

        // A visit and a desk contact: two comings, counted in its file for the office, for nobody else.
        People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        People.Person official = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "打扰计数测试组", "leaderId", leader.id(), "memberIds", List.of(official.id())))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", key)).post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);
        String visit = Visits.plan(official.phone(), key);
        Visits.checkIn(official.phone(), visit, "\"0\"", Visits.position(28.75, 115.8, 10, "GPS"));
        as(official.phone()).header("If-Match", "\"1\"").body(Map.of("findings", "生产正常"))
                .post("/api/v1/visits/" + visit + "/complete").then().statusCode(200);
        as(DESK).body(Map.of("id", java.util.UUID.randomUUID().toString(), "enterpriseId", key, "category", "POLICY",
                "title", "窗口来访", "description", "窗口来访")).post("/api/v1/issues").then().statusCode(201);
        as(OFFICE).get("/api/v1/enterprises/" + key + "/file").then().statusCode(200)
                .body("disturbance.visits", is(1)).body("disturbance.deskContacts", is(1))
                .body("disturbance.surveys", is(0)).body("disturbance.total", is(2));
        as(official.phone()).get("/api/v1/enterprises/" + key + "/file").then().statusCode(200)
                .body("disturbance", nullValue());

        // The most visited, most first, each total its parts' sum and the same as its file says (on the same day).
        try (var held = cn.zoufang.testsupport.TestClock.hold()) {
            var most = as(OFFICE).get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> rows = most.getList("mostVisited");
            org.junit.jupiter.api.Assertions.assertFalse(rows.isEmpty());
            long previous = Long.MAX_VALUE;
            for (Map<String, Object> r : rows) {
                long total = ((Number) r.get("total")).longValue();
                org.junit.jupiter.api.Assertions.assertEquals(total, ((Number) r.get("visits")).longValue()
                        + ((Number) r.get("deskContacts")).longValue() + ((Number) r.get("surveys")).longValue());
                org.junit.jupiter.api.Assertions.assertTrue(total <= previous, "most first");
                previous = total;
            }
            as(OFFICE).get("/api/v1/enterprises/" + rows.get(0).get("enterpriseId") + "/file").then().statusCode(200)
                    .body("disturbance.total", is(((Number) rows.get(0).get("total")).intValue()));
        }
    }
}
