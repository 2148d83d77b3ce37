package cn.zoufang.visit;

import static org.hamcrest.Matchers.is;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/** The enterprise rates a completed visit once; the office reads it, the group does not. */
@QuarkusTest
class VisitRatingTest extends ApiTest {

    private static String completedVisit() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 10, "GPS"));
        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Map.of("findings", "了解用工需求"))
                .post("/api/v1/visits/" + id + "/complete").then().statusCode(200);
        return id;
    }

    @Test
    void theEnterpriseRatesACompletedVisitOnceAndOnlyTheOfficeReadsIt() {
        String visit = completedVisit();
        String path = "/api/v1/visits/" + visit + "/rating";
        invalidAs(CONTACT_1).body(Map.of("score", 6)).post(path).then().statusCode(400).body("errors[0].field", is("score"));
        invalidAs(CONTACT_1).body(Map.of("score", "5")).post(path).then().statusCode(400);
        as(CONTACT_2).body(Map.of("score", 1)).post(path).then().statusCode(404);
        as(OFFICE).get(path).then().statusCode(404);

        String ratedAt = as(CONTACT_1).body(Map.of("score", 4, "comment", "干部很用心，用工问题已对接")).post(path).then()
                .statusCode(201).body("score", is(4)).body("comment", is("干部很用心，用工问题已对接"))
                .extract().path("ratedAt");
        as(CONTACT_1).body(Map.of("score", 1)).post(path).then().statusCode(409).body("code", is("INVALID_STATE"));

        as(OFFICE).get(path).then().statusCode(200).body("score", is(4));
        as(ADMIN).get(path).then().statusCode(200).body("score", is(4));
        as(CONTACT_1).get(path).then().statusCode(200).body("score", is(4));
        for (String group : new String[] { OFFICIAL_1, LEADER_1 }) {
            as(group).get(path).then().statusCode(403);
        }
        as(CONTACT_2).get(path).then().statusCode(404);
        as(ADMIN).queryParam("action", "VISIT_RATE").queryParam("targetId", visit).get("/api/v1/audit-events").then()
                .body("items.size()", is(1));

        // The office's list of the month's ratings names the visit, the enterprise and the group.
        // The month the rating was given in, China time (not "now": the run may cross into the next month).
        String month = YearMonth.from(OffsetDateTime.parse(ratedAt).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))).toString();
        as(OFFICE).queryParam("month", month).queryParam("limit", 100).get("/api/v1/visit-ratings").then().statusCode(200)
                .body("items.find { it.visitId == '" + visit + "' }.score", is(4))
                .body("items.find { it.visitId == '" + visit + "' }.enterpriseName", is("欧菲光（演示）"))
                .body("items.find { it.visitId == '" + visit + "' }.groupName", is("第一挂点帮扶小组（电子信息）"));
        as(LEADER_1).get("/api/v1/visit-ratings").then().statusCode(403);
        invalidAs(OFFICE).queryParam("month", "2026-13x").get("/api/v1/visit-ratings").then().statusCode(400);
    }

    @Test
    void aVisitNotYetCompletedCannotBeRated() {
        String visit = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        as(CONTACT_1).body(Map.of("score", 5)).post("/api/v1/visits/" + visit + "/rating").then().statusCode(409)
                .body("detail", is("走访完成后才能评价"));
        as(OFFICE).get("/api/v1/visits/" + visit + "/rating").then().statusCode(404);
    }
}
