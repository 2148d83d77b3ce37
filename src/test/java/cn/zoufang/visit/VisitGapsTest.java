package cn.zoufang.visit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VisitGapsTest extends ApiTest {

    @Test
    void gapsListExactlyTheAssignedEnterprisesNotYetVisitedThisMonth() {
        String leader = as(LEADER_1).get("/api/v1/me").then().extract().path("id");
        String official = as(OFFICIAL_2).get("/api/v1/me").then().extract().path("id");
        String group = as(OFFICE).body(Map.of("name", "走访缺口测试小组", "leaderId", leader, "memberIds", List.of(official)))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        String visited = as(OFFICE).body(Fixtures.enterprise("缺口甲企业", DemoData.demoCreditCode(401)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String planned = as(OFFICE).body(Fixtures.enterprise("缺口乙企业", DemoData.demoCreditCode(402)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String untouched = as(OFFICE).body(Fixtures.enterprise("缺口丙企业", DemoData.demoCreditCode(403)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        for (String e : List.of(visited, planned, untouched)) {
            as(OFFICE).body(Map.of("enterpriseId", e)).post("/api/v1/groups/" + group + "/assignments").then()
                    .statusCode(201);
        }

        String done = Visits.plan(OFFICIAL_2, visited);
        Visits.checkIn(OFFICIAL_2, done, "\"0\"", Visits.position(28.75, 115.8, 10, "GPS"));
        String completedAt = as(OFFICIAL_2).header("If-Match", "\"1\"").body(Map.of("findings", "生产正常"))
                .post("/api/v1/visits/" + done + "/complete").then().statusCode(200).extract().path("completedAt");
        Visits.plan(OFFICIAL_2, planned); // planned only: not a visit yet

        // The month the visit was completed in (China time), not the test's own idea of "now": the two differ
        // when the run crosses midnight at a month's end.
        String month = java.time.YearMonth.from(java.time.OffsetDateTime.parse(completedAt)
                .atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))).toString();
        as(LEADER_1).queryParam("month", month).get("/api/v1/groups/" + group + "/visit-gaps").then()
                .statusCode(200)
                .body("asOf", org.hamcrest.Matchers.startsWith(month))
                .body("month", is(month))
                .body("enterprises.id", containsInAnyOrder(planned, untouched))
                .body("enterprises.completedVisits", contains(0, 0));
        as(OFFICIAL_1).get("/api/v1/groups/" + group + "/visit-gaps").then().statusCode(404);
        as(CONTACT_1).get("/api/v1/groups/" + group + "/visit-gaps").then().statusCode(403);
        String lastYear = TestClock.thisMonth().minusYears(1).toString();
        as(OFFICE).queryParam("month", lastYear).get("/api/v1/groups/" + group + "/visit-gaps").then()
                .statusCode(200).body("enterprises.size()", is(0));
    }
}
