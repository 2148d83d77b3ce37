package cn.zoufang.visit;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VisitFlowTest extends ApiTest {

    static final double SITE_LAT = Visits.SITE_LAT;
    static final double SITE_LNG = Visits.SITE_LNG;

    @Test
    void theWholeVisitFlow() {
        String enterprise = Visits.enterpriseId("欧菲光");
        String id = UUID.randomUUID().toString();
        String leaderId = as(LEADER_1).get("/api/v1/me").then().extract().path("id");
        Map<String, Object> body = Visits.newVisit(id, enterprise);
        body.put("participantIds", List.of(leaderId));
        as(OFFICIAL_1).body(body).post("/api/v1/visits").then()
                .statusCode(201)
                .header("ETag", is("\"0\""))
                .body("status", is("PLANNED"))
                .body("statusLabel", is("已计划"))
                .body("groupName", is("第一挂点帮扶小组（电子信息）"))
                .body("detail.participants.size()", is(2));

        var checkedIn = Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(SITE_LAT + 0.001, SITE_LNG, 15, "GPS"));
        checkedIn.response().then()
                .header("ETag", is("\"1\""))
                .body("status", is("CHECKED_IN"))
                .body("checkInVerdict", is("ON_SITE"))
                .body("detail.checkIn.verdictLabel", is("在现场"))
                .body("detail.checkIn.distanceMeters", closeTo(111.2, 1.0))
                .body("detail.checkIn.at", notNullValue());

        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Map.of("deviceTime", TestClock.now().toString()))
                .post("/api/v1/visits/" + id + "/check-out").then().statusCode(200)
                .body("detail.checkOutAt", notNullValue())
                .body("detail.minutesOnSite", lessThan(2));

        as(OFFICIAL_1).header("If-Match", "\"2\"").body(Map.of("findings", "企业反映招工难", "needs", "希望对接职业院校"))
                .post("/api/v1/visits/" + id + "/complete").then().statusCode(200)
                .body("status", is("COMPLETED"))
                .body("completedAt", notNullValue())
                .body("detail.findings", is("企业反映招工难"));

        as(OFFICIAL_1).queryParam("mine", true).queryParam("status", "COMPLETED").queryParam("limit", 100)
                .get("/api/v1/visits").then().statusCode(200).body("items.id", hasItem(id));
        String group = Fixtures.groupOf(OFFICIAL_1);
        // The month of the visit's own date (the run may have crossed into another month since it was planned).
        String month = as(OFFICIAL_1).get("/api/v1/visits/" + id).then().extract().<String>path("plannedDate").substring(0, 7);
        as(LEADER_1).queryParam("groupId", group).queryParam("month", month)
                .queryParam("limit", 100).get("/api/v1/visits").then().statusCode(200).body("items.id", hasItem(id));
        as(OFFICIAL_1).queryParam("enterpriseId", enterprise).queryParam("limit", 100).get("/api/v1/visits").then()
                .statusCode(200).body("items.id", hasItem(id));
        as(ADMIN).queryParam("action", "VISIT_COMPLETE").queryParam("targetId", id).get("/api/v1/audit-events")
                .then().body("items.size()", is(1));
    }

    @Test
    void aCheckInThreeKilometresAwayIsOutOfRangeAndNeedsAReason() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(SITE_LAT + 0.027, SITE_LNG, 10, "GPS")).response().then()
                .body("checkInVerdict", is("OUT_OF_RANGE"))
                .body("detail.checkIn.distanceMeters", closeTo(3002, 5));
        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Map.of("findings", "已走访"))
                .post("/api/v1/visits/" + id + "/complete").then().statusCode(400)
                .body("errors[0].field", is("outOfRangeReason"));
        as(OFFICIAL_1).header("If-Match", "\"1\"")
                .body(Map.of("findings", "已走访", "outOfRangeReason", "企业临时在分厂接待"))
                .post("/api/v1/visits/" + id + "/complete").then().statusCode(200)
                .body("detail.checkIn.outOfRangeReason", is("企业临时在分厂接待"));
    }

    @Test
    void positionsFromChineseMapsAreConvertedBeforeTheyAreJudged() {
        String enterprise = Visits.enterpriseId("欧菲光");
        // The enterprise's door as an Amap/Tencent SDK (GCJ-02) and Baidu's (BD-09) report it.
        CoordinateSystem.Position gcj = CoordinateSystem.wgs84ToGcj02(SITE_LAT, SITE_LNG);
        CoordinateSystem.Position bd = CoordinateSystem.gcj02ToBd09(gcj.latitude(), gcj.longitude());

        String amap = Visits.plan(OFFICIAL_1, enterprise);
        Map<String, Object> fromAmap = Visits.position(gcj.latitude(), gcj.longitude(), 10, "GPS");
        fromAmap.put("coordinateSystem", "GCJ02");
        Visits.checkIn(OFFICIAL_1, amap, "\"0\"", fromAmap).response().then()
                .body("checkInVerdict", is("ON_SITE"))
                .body("detail.checkIn.coordinateSystem", is("GCJ02"))
                .body("detail.checkIn.coordinateSystemLabel", is("GCJ-02（高德、腾讯地图）"))
                .body("detail.checkIn.latitude", closeTo(SITE_LAT, 0.00001))
                .body("detail.checkIn.longitude", closeTo(SITE_LNG, 0.00001))
                .body("detail.checkIn.distanceMeters", lessThan(1.0));

        String baidu = Visits.plan(OFFICIAL_1, enterprise);
        Map<String, Object> fromBaidu = Visits.position(bd.latitude(), bd.longitude(), 10, "NETWORK");
        fromBaidu.put("coordinateSystem", "BD09");
        Visits.checkIn(OFFICIAL_1, baidu, "\"0\"", fromBaidu).response().then()
                .body("checkInVerdict", is("ON_SITE"))
                .body("detail.checkIn.distanceMeters", lessThan(1.0));

        // The same GCJ-02 numbers said to be WGS-84 are about 600 m away: more than the 500 m radius.
        String mislabelled = Visits.plan(OFFICIAL_1, enterprise);
        Visits.checkIn(OFFICIAL_1, mislabelled, "\"0\"", Visits.position(gcj.latitude(), gcj.longitude(), 10, "GPS"))
                .response().then()
                .body("checkInVerdict", is("OUT_OF_RANGE"))
                .body("detail.checkIn.coordinateSystem", is("WGS84"))
                .body("detail.checkIn.distanceMeters", closeTo(600, 60));

        Map<String, Object> unknown = Visits.position(SITE_LAT, SITE_LNG, 10, "GPS");
        unknown.put("coordinateSystem", "CGCS2000");
        String refused = Visits.plan(OFFICIAL_1, enterprise);
        invalidAs(OFFICIAL_1).header("If-Match", "\"0\"").body(unknown)
                .post("/api/v1/visits/" + refused + "/check-in").then().statusCode(400)
                .body("errors[0].field", is("coordinateSystem"));
        as(OFFICIAL_1).get("/api/v1/visits/" + refused).then().body("status", is("PLANNED"));
    }

    @Test
    void mockNoneOrImpreciseLocationsAreUnverifiable() {
        String enterprise = Visits.enterpriseId("欧菲光");
        String mock = Visits.plan(OFFICIAL_1, enterprise);
        Visits.checkIn(OFFICIAL_1, mock, "\"0\"", Visits.position(SITE_LAT, SITE_LNG, 5, "MOCK")).response().then()
                .body("checkInVerdict", is("UNVERIFIABLE"));
        String imprecise = Visits.plan(OFFICIAL_1, enterprise);
        Visits.checkIn(OFFICIAL_1, imprecise, "\"0\"", Visits.position(SITE_LAT, SITE_LNG, 1500, "NETWORK")).response().then()
                .body("checkInVerdict", is("UNVERIFIABLE"));
        String none = Visits.plan(OFFICIAL_1, enterprise);
        Visits.checkIn(OFFICIAL_1, none, "\"0\"", Map.of("deviceTime", TestClock.now().toString(), "source", "GPS"))
                .response().then()
                .body("checkInVerdict", is("UNVERIFIABLE"))
                .body("detail.checkIn.distanceMeters", nullValue());
    }

    @Test
    void theSameCreateSentTwiceMakesOneVisit() {
        String enterprise = Visits.enterpriseId("同兴达");
        String id = UUID.randomUUID().toString();
        as(OFFICIAL_1).body(Visits.newVisit(id, enterprise)).post("/api/v1/visits").then().statusCode(201);
        as(OFFICIAL_1).body(Visits.newVisit(id, enterprise)).post("/api/v1/visits").then().statusCode(200)
                .body("id", is(id));
        as(OFFICIAL_1).queryParam("enterpriseId", enterprise).queryParam("limit", 100).get("/api/v1/visits").then()
                .body("items.findAll { it.id == '" + id + "' }.size()", is(1));
        Map<String, Object> other = Visits.newVisit(id, enterprise);
        other.put("purpose", "另一件事");
        as(OFFICIAL_1).body(other).post("/api/v1/visits").then().statusCode(409).body("code", is("CONFLICT"));
    }

    @Test
    void idempotencyKeysReplayAndRefuseOtherBodies() {
        String enterprise = Visits.enterpriseId("同兴达");
        String key = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        as(OFFICIAL_1).header("Idempotency-Key", key).body(Visits.newVisit(id, enterprise)).post("/api/v1/visits").then()
                .statusCode(201);
        as(OFFICIAL_1).header("Idempotency-Key", key).body(Visits.newVisit(id, enterprise)).post("/api/v1/visits").then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"0\"")
                .body("id", is(id));
        as(OFFICIAL_1).header("Idempotency-Key", key).body(Visits.newVisit(UUID.randomUUID().toString(), enterprise))
                .post("/api/v1/visits").then().statusCode(422).body("code", is("IDEMPOTENCY_KEY_REUSED"));

        // A check-in replayed after it went through is answered, not done twice (no 412 for the old ETag).
        String checkInKey = UUID.randomUUID().toString();
        Map<String, Object> where = Visits.position(SITE_LAT, SITE_LNG + 0.02, 10, "GPS");
        for (int i = 0; i < 2; i++) {
            as(OFFICIAL_1).header("If-Match", "\"0\"").header("Idempotency-Key", checkInKey).body(where)
                    .post("/api/v1/visits/" + id + "/check-in").then().statusCode(200)
                    .body("version", is(1));
        }
    }

    @Test
    void changesNeedTheCurrentEtag() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("同兴达"));
        invalidAs(OFFICIAL_1).body(Visits.position(SITE_LAT, SITE_LNG, 10, "GPS"))
                .post("/api/v1/visits/" + id + "/check-in").then().statusCode(428)
                .body("code", is("PRECONDITION_REQUIRED"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(SITE_LAT, SITE_LNG, 10, "GPS"));
        as(OFFICIAL_1).header("If-Match", "\"0\"").body(Map.of("reason", "改期"))
                .post("/api/v1/visits/" + id + "/cancel").then().statusCode(412)
                .body("code", is("PRECONDITION_FAILED"));
        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Visits.position(SITE_LAT, SITE_LNG, 10, "GPS"))
                .post("/api/v1/visits/" + id + "/check-in").then().statusCode(409)
                .body("code", is("INVALID_STATE"));
        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Map.of("reason", "企业临时停产"))
                .post("/api/v1/visits/" + id + "/cancel").then().statusCode(200)
                .body("status", is("CANCELLED"))
                .body("detail.cancelReason", is("企业临时停产"));
    }

    @Test
    void otherGroupsAndEnterprisesSeeNeitherNotesNorPositions() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(SITE_LAT, SITE_LNG, 10, "GPS"));
        as(OFFICIAL_2).get("/api/v1/visits/" + id).then().statusCode(404).body("code", is("NOT_FOUND"));
        as(OFFICIAL_2).header("If-Match", "\"1\"").body(Map.of("reason", "x"))
                .post("/api/v1/visits/" + id + "/cancel").then().statusCode(404);
        as(CONTACT_2).get("/api/v1/visits/" + id).then().statusCode(404);
        as(CONTACT_1).get("/api/v1/visits/" + id).then().statusCode(200)
                .body("kind", is("REGULAR"))
                .body("groupName", is("第一挂点帮扶小组（电子信息）"))
                .body("detail", nullValue())
                .body("checkInVerdict", nullValue());
        as(CONTACT_1).body(Visits.newVisit(UUID.randomUUID().toString(), Visits.enterpriseId("欧菲光"))).post("/api/v1/visits")
                .then().statusCode(403);
        as(OFFICIAL_2).body(Visits.newVisit(UUID.randomUUID().toString(), Visits.enterpriseId("欧菲光"))).post("/api/v1/visits")
                .then().statusCode(404);
        as(OFFICE).get("/api/v1/visits/" + id).then().statusCode(200).body("detail.checkIn.verdict", is("ON_SITE"));
    }
}
