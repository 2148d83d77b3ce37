package cn.zoufang.directory;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/** 店小二: key enterprises with their service officer, visited on their tier's cadence, their issues urgent by default. */
@QuarkusTest
class ServiceTierTest extends ApiTest {

    private static String etag(String enterprise) {
        return as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().statusCode(200).extract().header("ETag");
    }

    private static Map<String, Object> service(String tier, String officer) {
        Map<String, Object> body = new HashMap<>();
        body.put("tier", tier);
        body.put("serviceOfficerId", officer);
        body.put("reason", "骨干龙头企业");
        return body;
    }

    @Test
    void theOfficeMarksAKeyEnterpriseWithAMemberOfItsGroupAsItsServiceOfficer() throws Exception {
        // A leader of its own: groups led by LEADER_1 would change what "group 1" is for other tests.
        String leader = People.create(List.of("GROUP_LEADER"), null, null).id();
        People.Person member = People.create(List.of("OFFICIAL"), null, null);
        People.Person outsider = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "店小二测试小组" + UUID.randomUUID().toString().substring(0, 4),
                "leaderId", leader, "memberIds", List.of(member.id()))).post("/api/v1/groups").then().statusCode(201)
                .extract().path("id");
        String enterprise = as(OFFICE).body(Fixtures.enterprise("店小二甲企业", DemoData.demoCreditCode(9760)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments").then()
                .statusCode(201);
        String etag = etag(enterprise);

        // Each refusal changes nothing: the version stays.
        invalidAs(OFFICE).header("If-Match", etag).body(service("KEY", null))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(400)
                .body("errors[0].field", is("serviceOfficerId")).body("errors[0].code", is("REQUIRED"));
        invalidAs(OFFICE).header("If-Match", etag).body(service("KEY", outsider.id()))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(400)
                .body("errors[0].field", is("serviceOfficerId")).body("errors[0].code", is("INVALID"));
        invalidAs(OFFICE).body(service("KEY", member.id()))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(428);
        as(OFFICE).header("If-Match", "\"999\"").body(service("KEY", member.id()))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(412);
        as(LEADER_1).header("If-Match", etag).body(service("KEY", member.id()))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(403);
        as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().header("ETag", is(etag))
                .body("serviceTier", is("ORDINARY")).body("serviceOfficer", nullValue());

        as(OFFICE).header("If-Match", etag).body(service("KEY", member.id()))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(200)
                .body("serviceTier", is("KEY")).body("serviceTierLabel", is("重点企业（店小二服务）"))
                .body("serviceOfficer.id", is(member.id()));
        // The group sees who serves its enterprise; so does the enterprise (name only).
        as(member.phone()).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                .body("serviceOfficer.displayName", is("测试" + member.phone().substring(7)));
        // A department's handler may serve any enterprise.
        String handler = People.create(List.of("DEPARTMENT_HANDLER"), Fixtures.newDepartment("店小二测试单位"), null).id();
        as(OFFICE).header("If-Match", etag(enterprise)).body(service("KEY", handler))
                .put("/api/v1/enterprises/" + enterprise + "/service").then().statusCode(200)
                .body("serviceOfficer.id", is(handler));
        org.junit.jupiter.api.Assertions.assertEquals(2, Db.count("select count(*) from audit_event where action ="
                + " 'ENTERPRISE_SERVICE_SET' and target_id = '" + enterprise + "'"));
    }

    @Test
    void aKeyEnterpriseIsDueAfterThirtyDaysAnOrdinaryOneNotBeforeNinety() throws Exception {
        // A leader of its own: groups led by LEADER_1 would change what "group 1" is for other tests.
        String leader = People.create(List.of("GROUP_LEADER"), null, null).id();
        People.Person official = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "走访周期测试小组" + UUID.randomUUID().toString().substring(0, 4),
                "leaderId", leader, "memberIds", List.of(official.id()))).post("/api/v1/groups").then().statusCode(201)
                .extract().path("id");
        String key = as(OFFICE).body(Fixtures.enterprise("走访周期重点企业", DemoData.demoCreditCode(9761)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String ordinary = as(OFFICE).body(Fixtures.enterprise("走访周期一般企业", DemoData.demoCreditCode(9762)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        for (String e : List.of(key, ordinary)) {
            as(OFFICE).body(Map.of("enterpriseId", e)).post("/api/v1/groups/" + group + "/assignments").then()
                    .statusCode(201);
        }
        as(OFFICE).header("If-Match", etag(key)).body(service("KEY", official.id()))
                .put("/api/v1/enterprises/" + key + "/service").then().statusCode(200);

        // Never visited: both are due, with no last visit.
        as(official.phone()).get("/api/v1/groups/" + group + "/visit-gaps").then().statusCode(200)
                .body("enterprises.id", containsInAnyOrder(ordinary, key))
                .body("enterprises.lastVisitedOn", contains(nullValue(), nullValue()));

        for (String e : List.of(key, ordinary)) {
            String visit = Visits.plan(official.phone(), e);
            Visits.checkIn(official.phone(), visit, "\"0\"", Visits.position(28.75, 115.8, 10, "GPS"));
            as(official.phone()).header("If-Match", "\"1\"").body(Map.of("findings", "生产正常"))
                    .post("/api/v1/visits/" + visit + "/complete").then().statusCode(200);
        }
        // The check-in's day in China, as the service counts it (the run may cross midnight).
        String checkInDay = Db.text("select to_char(max(check_in_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')"
                + " from visit where enterprise_id = '" + key + "'");
        as(official.phone()).get("/api/v1/groups/" + group + "/visit-gaps").then().statusCode(200)
                .body("enterprises", empty());

        try (var held = TestClock.hold()) {
            Duration ahead = Duration.ofDays(31);
            TestClock.advance(ahead);
            try {
                String month = YearMonth.from(TestClock.today()).toString();
                as(official.phone()).queryParam("month", month).get("/api/v1/groups/" + group + "/visit-gaps").then()
                        .statusCode(200)
                        .body("asOf", is(TestClock.today().toString()))
                        .body("enterprises.id", contains(key))
                        .body("enterprises[0].cadenceDays", is(30))
                        .body("enterprises[0].serviceTier", is("KEY"))
                        .body("enterprises[0].lastVisitedOn", is(checkInDay))
                        .body("enterprises[0].dueOn", is(java.time.LocalDate.parse(checkInDay).plusDays(30).toString()));
                // Ninety days on, the ordinary one is due too.
                TestClock.advance(Duration.ofDays(60));
                as(official.phone()).get("/api/v1/groups/" + group + "/visit-gaps").then().statusCode(200)
                        .body("enterprises.id", containsInAnyOrder(key, ordinary));
            } finally {
                TestClock.advance(Duration.ofDays(-91));
            }
        }
    }

    @Test
    void aKeyEnterprisesIssuesAreUrgentUnlessTheDeskSaysOtherwise() {
        People.Person officer = People.create(List.of("DEPARTMENT_HANDLER"), Fixtures.newDepartment("店小二测试单位"), null);
        String key = as(OFFICE).body(Fixtures.enterprise("默认加急重点企业", DemoData.demoCreditCode(9763)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String ordinary = as(OFFICE).body(Fixtures.enterprise("默认加急一般企业", DemoData.demoCreditCode(9764)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        as(OFFICE).header("If-Match", etag(key)).body(service("KEY", officer.id()))
                .put("/api/v1/enterprises/" + key + "/service").then().statusCode(200);

        as(DESK).body(issue(key, null)).post("/api/v1/issues").then().statusCode(201).body("urgent", is(true));
        as(DESK).body(issue(key, false)).post("/api/v1/issues").then().statusCode(201).body("urgent", is(false));
        as(DESK).body(issue(ordinary, null)).post("/api/v1/issues").then().statusCode(201).body("urgent", is(false));
    }

    @Test
    void theOfficeSetsATiersCadenceUnderIfMatch() {
        var tiers = as(LEADER_1).get("/api/v1/service-tiers").then().statusCode(200)
                .body("code", contains("KEY", "ORDINARY")).extract().jsonPath();
        int cadence = tiers.getInt("find { it.code == 'KEY' }.cadenceDays");
        boolean urgent = tiers.getBoolean("find { it.code == 'KEY' }.urgentByDefault");
        String etag = "\"" + tiers.getLong("find { it.code == 'KEY' }.version") + "\"";
        Map<String, Object> same = Map.of("cadenceDays", cadence, "urgentByDefault", urgent);

        invalidAs(OFFICE).header("If-Match", etag).body(Map.of("cadenceDays", 5, "urgentByDefault", urgent))
                .put("/api/v1/service-tiers/KEY").then().statusCode(400).body("errors[0].field", is("cadenceDays"));
        invalidAs(OFFICE).header("If-Match", etag).body(same).put("/api/v1/service-tiers/VIP").then().statusCode(404);
        as(LEADER_1).header("If-Match", etag).body(same).put("/api/v1/service-tiers/KEY").then().statusCode(403);
        as(OFFICE).header("If-Match", "\"9999\"").body(same).put("/api/v1/service-tiers/KEY").then().statusCode(412);
        String next = as(OFFICE).header("If-Match", etag).body(same).put("/api/v1/service-tiers/KEY").then()
                .statusCode(200).body("cadenceDays", is(cadence)).extract().header("ETag");
        as(OFFICE).header("If-Match", etag).body(same).put("/api/v1/service-tiers/KEY").then().statusCode(412);
        org.junit.jupiter.api.Assertions.assertNotEquals(etag, next, "the version moves");
    }

    private static Map<String, Object> issue(String enterprise, Boolean urgent) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        m.put("enterpriseId", enterprise);
        m.put("category", "POLICY");
        m.put("title", "默认加急测试");
        m.put("description", "默认加急测试");
        if (urgent != null) {
            m.put("urgent", urgent);
        }
        return m;
    }
}
