package cn.zoufang.enterprisefile;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 一企一档: an enterprise's file on one page, each part as its own endpoint would show it to the caller. Its own
 * enterprise (credit code 9710), group, official and contact.
 */
@QuarkusTest
class EnterpriseFileTest extends ApiTest {

    private static long version(String phone, String issue) {
        return ((Number) as(phone).get("/api/v1/issues/" + issue).then().statusCode(200).extract().path("version")).longValue();
    }

    private static void step(String phone, String issue, String action, Map<String, Object> body) {
        as(phone).header("If-Match", "\"" + version(phone, issue) + "\"").body(body)
                .post("/api/v1/issues/" + issue + "/" + action).then().statusCode(200);
    }

    @Test
    void anOfficialSeesTheWholeFileAndEachOtherCallerItsOwnPart() {
        // The month must not change under the test: the rating and the figure are of "this month".
        try (var held = TestClock.hold()) {
            whole();
        }
    }

    private void whole() {
        String enterprise = as(OFFICE).body(Fixtures.enterprise("档案测试企业", DemoData.demoCreditCode(9710)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        People.Person official = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "档案测试帮扶组", "leaderId", leader.id(), "memberIds", List.of(official.id())))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);
        People.Person contact = People.create(List.of("ENTERPRISE_CONTACT"), null, enterprise);

        // A visit planned, figures noted, one issue answered, rated and closed out, another still open.
        String visit = Visits.plan(official.phone(), enterprise);
        YearMonth month = YearMonth.from(TestClock.today());
        as(official.phone()).body(Map.of("values", Map.of("EMPLOYEES", 140))).put("/api/v1/enterprises/" + enterprise
                + "/indicators/" + month).then().statusCode(200);
        String done = UUID.randomUUID().toString();
        as(contact.phone()).body(Map.of("id", done, "enterpriseId", enterprise, "category", "POLICY", "title", "申报咨询",
                "description", "技改补贴怎么申报")).post("/api/v1/issues").then().statusCode(201);
        step(DESK, done, "forward", Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")));
        step(DEPARTMENT, done, "accept", Map.of());
        step(DEPARTMENT, done, "respond", Map.of("response", "已电话解读", "resolution", "RESOLVED"));
        step(contact.phone(), done, "confirm", Map.of("satisfied", true, "rating", 4));
        step(DESK, done, "close-out", Map.of());
        String open = UUID.randomUUID().toString();
        as(contact.phone()).body(Map.of("id", open, "enterpriseId", enterprise, "category", "POLICY", "title", "用工对接",
                "description", "需要招聘技术工人")).post("/api/v1/issues").then().statusCode(201);

        String thisMonth = "ratings.find { it.month == '" + month + "' }";
        as(official.phone()).get("/api/v1/enterprises/" + enterprise + "/file").then().statusCode(200)
                .body("enterprise.name", is("档案测试企业"))
                .body("assignments.groupId", is(List.of(group)))
                .body("visits.id", is(List.of(visit)))
                .body("openIssues.id", is(List.of(open)))
                .body("issuesByStatus.find { it.status == 'CLOSED' }.count", is(1))
                .body("issuesByStatus.find { it.status == 'REGISTERED' }.count", is(1))
                .body("ratings", hasSize(12))
                .body(thisMonth + ".issueRatings", is(1)).body(thisMonth + ".issueAverage", is(4.0))
                // A group never reads what the enterprise thought of its visits.
                .body(thisMonth + ".visitRatings", nullValue())
                .body("indicators.series.find { it.indicator == 'EMPLOYEES' }.months[0].value", is(140.0));
        // The enterprise reads its own file, its visit scores included (none yet).
        as(contact.phone()).get("/api/v1/enterprises/" + enterprise + "/file").then().statusCode(200)
                .body(thisMonth + ".visitRatings", is(0)).body("indicators", notNullValue());
        // A department: the issues it works on, no visits, no figures, no ratings.
        as(DEPARTMENT).get("/api/v1/enterprises/" + enterprise + "/file").then().statusCode(200)
                .body("visits", hasSize(0)).body("indicators", nullValue()).body("ratings", hasSize(0))
                .body("openIssues", hasSize(0)).body("issuesByStatus.status", hasItem("CLOSED"));
        // Another enterprise's contact, another group: as if it did not exist.
        as(CONTACT_1).get("/api/v1/enterprises/" + enterprise + "/file").then().statusCode(404);
        as(OFFICIAL_2).get("/api/v1/enterprises/" + enterprise + "/file").then().statusCode(404);
    }

    /** Every page of a sync round, from {@code cursor} (null: the whole scope). */
    private static List<io.restassured.path.json.JsonPath> round(String phone, String cursor) {
        List<io.restassured.path.json.JsonPath> pages = new java.util.ArrayList<>();
        String c = cursor;
        do {
            var request = as(phone).queryParam("limit", 1000);
            if (c != null) {
                request = request.queryParam("cursor", c);
            }
            pages.add(request.get("/api/v1/sync").then().statusCode(200).extract().jsonPath());
            c = pages.get(pages.size() - 1).getString("cursor");
        } while (pages.get(pages.size() - 1).getBoolean("hasMore") && pages.size() < 100);
        return pages;
    }

    private static List<Object> all(List<io.restassured.path.json.JsonPath> pages, String path) {
        List<Object> out = new java.util.ArrayList<>();
        pages.forEach(p -> out.addAll(p.getList(path)));
        return out;
    }

    /** What the file shows comes to the official's phone in sync, figures included: it opens offline. */
    @Test
    void theFileComesToThePhoneInSyncAndAgainWhenAFigureChanges() {
        try (var held = TestClock.hold()) {
            String enterprise = as(OFFICE).body(Fixtures.enterprise("档案同步企业", DemoData.demoCreditCode(9711)))
                    .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
            People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
            People.Person official = People.create(List.of("OFFICIAL"), null, null);
            String group = as(OFFICE).body(Map.of("name", "档案同步帮扶组", "leaderId", leader.id(), "memberIds",
                    List.of(official.id()))).post("/api/v1/groups").then().statusCode(201).extract().path("id");
            as(OFFICE).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments")
                    .then().statusCode(201);
            YearMonth month = YearMonth.from(TestClock.today());
            as(OFFICE).body(Map.of("values", Map.of("MAIN_REVENUE", 2100))).put("/api/v1/enterprises/" + enterprise
                    + "/indicators/" + month.minusMonths(1)).then().statusCode(200);
            String etag = as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().extract().header("ETag");

            var first = round(official.phone(), null);
            assertEquals(List.of(enterprise), all(first, "enterprises.id"));
            assertEquals(List.of(enterprise), all(first, "figures.enterpriseId"));
            assertEquals(List.of(2100.0), all(first, "figures[0].series.find { it.indicator == 'MAIN_REVENUE' }.months.value"));

            // A figure noted at the visit: the next round sends the enterprise again, with its figures.
            as(official.phone()).body(Map.of("values", Map.of("EMPLOYEES", 96))).put("/api/v1/enterprises/" + enterprise
                    + "/indicators/" + month).then().statusCode(200);
            var next = round(official.phone(), first.get(first.size() - 1).getString("cursor"));
            assertEquals(List.of(enterprise), all(next, "enterprises.id"));
            assertEquals(List.of(96.0), all(next, "figures[0].series.find { it.indicator == 'EMPLOYEES' }.months.value"));
            // Touching the enterprise for its phones is no edit: its version (the ETag) stays.
            assertEquals(etag, as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().extract().header("ETag"));
            // The desk's phone gets enterprises, never their figures.
            assertTrue(all(round(DESK, null), "figures").isEmpty());
        }
    }
}
