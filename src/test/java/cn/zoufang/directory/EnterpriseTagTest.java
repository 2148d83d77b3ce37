package cn.zoufang.directory;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Free tags on enterprises, counted against the plan's numbers. */
@QuarkusTest
class EnterpriseTagTest extends ApiTest {

    private static String etag(String enterprise) {
        return as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void theOfficeTagsEnterprisesAndCountsThemAgainstTheYearsPlan() {
        // A tag of this run only, so the counts are this test's.
        String tag = "测试高新" + UUID.randomUUID().toString().substring(0, 6);
        String other = "测试上市后备" + UUID.randomUUID().toString().substring(0, 4);
        String a = as(OFFICE).body(Fixtures.enterprise("标签甲企业", DemoData.demoCreditCode(9780))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
        String b = as(OFFICE).body(Fixtures.enterprise("标签乙企业", DemoData.demoCreditCode(9781))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");

        String before = etag(a);
        invalidAs(OFFICE).header("If-Match", before).body(Map.of("tags", List.of(tag, "含,逗号")))
                .put("/api/v1/enterprises/" + a + "/tags").then().statusCode(400)
                .body("errors[0].field", is("tags[1]"));
        as(OFFICE).get("/api/v1/enterprises/" + a).then().header("ETag", is(before)).body("tags", is(List.of()));
        as(LEADER_1).header("If-Match", before).body(Map.of("tags", List.of(tag)))
                .put("/api/v1/enterprises/" + a + "/tags").then().statusCode(403);

        // Trimmed, a duplicate kept once; the version moves (phones get the enterprise again).
        String after = as(OFFICE).header("If-Match", before).body(Map.of("tags", List.of(" " + tag + " ", tag, other)))
                .put("/api/v1/enterprises/" + a + "/tags").then().statusCode(200)
                .body("tags", containsInAnyOrder(tag, other)).extract().header("ETag");
        assertNotEquals(before, after);
        as(OFFICE).header("If-Match", before).body(Map.of("tags", List.of(tag)))
                .put("/api/v1/enterprises/" + a + "/tags").then().statusCode(412);
        as(OFFICE).header("If-Match", etag(b)).body(Map.of("tags", List.of(tag)))
                .put("/api/v1/enterprises/" + b + "/tags").then().statusCode(200);

        as(OFFICE).queryParam("tag", tag).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.id", containsInAnyOrder(a, b));
        as(OFFICE).queryParam("tag", other).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.id", contains(a));

        // The plan: 4 of this tag in 2035; two carry it (50%); the other tag has no plan.
        as(OFFICE).body(Map.of("targets", List.of(Map.of("tag", tag, "target", 4))))
                .put("/api/v1/tags/plan/2035").then().statusCode(200)
                .body("year", is(2035))
                .body("tags.find { it.tag == '" + tag + "' }.enterprises", is(2))
                .body("tags.find { it.tag == '" + tag + "' }.target", is(4))
                .body("tags.find { it.tag == '" + tag + "' }.rate", is(50.0))
                .body("tags.find { it.tag == '" + other + "' }.target", nullValue());
        invalidAs(OFFICE).body(Map.of("targets", List.of(Map.of("tag", tag, "target", 4), Map.of("tag", tag, "target", 5))))
                .put("/api/v1/tags/plan/2035").then().statusCode(400);
        as(OFFICE).queryParam("year", "2035").get("/api/v1/tags").then().statusCode(200)
                .body("tags.find { it.tag == '" + tag + "' }.target", is(4));
        invalidAs(OFFICE).queryParam("year", "35").get("/api/v1/tags").then().statusCode(400);

        // Untagged: the count follows.
        as(OFFICE).header("If-Match", etag(b)).body(Map.of("tags", List.of()))
                .put("/api/v1/enterprises/" + b + "/tags").then().statusCode(200).body("tags", is(List.of()));
        long count = ((Number) as(OFFICE).queryParam("year", "2035").get("/api/v1/tags").then().statusCode(200).extract()
                .path("tags.find { it.tag == '" + tag + "' }.enterprises")).longValue();
        assertEquals(1, count);
    }
}
