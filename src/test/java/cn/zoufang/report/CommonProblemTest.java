package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** 共性问题: one category raised in one chain by three enterprises is one problem, by two it is not. */
@QuarkusTest
class CommonProblemTest extends ApiTest {

    @Test
    void theSameProblemFromThreeEnterprisesOfAChainIsOneCommonProblem() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String shared = category("COMMON" + suffix, "共性测试" + suffix);
        String rare = category("RARE" + suffix, "个别测试" + suffix);
        List<String> enterprises = List.of(enterprise(9810), enterprise(9811), enterprise(9812));
        for (String e : enterprises) {
            register(e, shared, "用工招聘困难");
        }
        register(enterprises.get(0), shared, "用工招聘困难（补充）");
        register(enterprises.get(0), rare, "个别问题");
        register(enterprises.get(1), rare, "个别问题");

        JsonPath byChain = as(DemoData.INSPECTOR).get("/api/v1/dashboard/common-problems").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> problem = find(byChain, shared);
        assertEquals("EQUIPMENT", problem.get("key"));
        assertEquals(3, problem.get("enterprises"));
        assertEquals(4, problem.get("issues"));
        assertEquals(4, problem.get("open"));
        assertEquals(4, ((List<?>) problem.get("linked")).size());
        assertTrue(byChain.<Map<String, Object>>getList("problems").stream().noneMatch(p -> rare.equals(p.get("category"))),
                "two enterprises are not a common problem");
        // The same by town (all three in 蛟桥镇); asking for four enterprises finds none of ours.
        assertEquals("蛟桥镇", find(as(OFFICE).queryParam("by", "TOWN").get("/api/v1/dashboard/common-problems").then()
                .statusCode(200).extract().jsonPath(), shared).get("key"));
        assertTrue(as(OFFICE).queryParam("min", 4).get("/api/v1/dashboard/common-problems").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("problems").stream()
                .noneMatch(p -> shared.equals(p.get("category"))));
        invalidAs(OFFICE).queryParam("min", 1).get("/api/v1/dashboard/common-problems").then().statusCode(400);
        invalidAs(OFFICE).queryParam("from", "2026-12-31").queryParam("to", "2026-01-01")
                .get("/api/v1/dashboard/common-problems").then().statusCode(400);
    }

    private static Map<String, Object> find(JsonPath json, String category) {
        return json.<Map<String, Object>>getList("problems").stream().filter(p -> category.equals(p.get("category")))
                .findFirst().orElseThrow(() -> new AssertionError(category + " not in " + json.prettify()));
    }

    static String category(String code, String name) {
        as(OFFICE).body(Map.of("name", name, "deadlineDays", 10, "urgentDeadlineDays", 5, "sortOrder", 90))
                .put("/api/v1/issue-categories/" + code).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return code;
    }

    static String enterprise(int n) {
        return as(OFFICE).body(Fixtures.enterprise("共性问题测试企业" + n + UUID.randomUUID().toString().substring(0, 4),
                DemoData.demoCreditCode(n))).post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
    }

    static void register(String enterprise, String category, String title) {
        as(DESK).body(Map.of("id", UUID.randomUUID().toString(), "enterpriseId", enterprise, "category", category,
                "title", title, "description", title)).post("/api/v1/issues").then().statusCode(201);
    }
}
