package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * June 2019, built by hand in {@code report/june-2019.sql}; every expected figure below was worked out
 * from that file by hand (the comments say how).
 */
@QuarkusTest
class MetricsTest extends ApiTest {

    static final String GROUP_1 = "0a000000-0000-0000-0000-000000000001";
    static final String GROUP_2 = "0a000000-0000-0000-0000-000000000002";
    static final String DEPT_A = "0d000000-0000-0000-0000-000000000001";
    static final String DEPT_B = "0d000000-0000-0000-0000-000000000002";

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void handBuiltMonth() throws Exception {
        loadJune2019();
    }

    /** Loads the hand-built month once per database. */
    static void loadJune2019() throws Exception {
        Db.loadOnce("/report/june-2019.sql", "select count(*) from assistance_group where id = '" + GROUP_1 + "'");
    }

    private static Map<String, Object> row(JsonPath json, String list, String key) {
        List<Map<String, Object>> rows = json.getList(list);
        return rows.stream().filter(r -> key.equals(r.get("key"))).findFirst().orElseThrow(() -> new AssertionError(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(JsonPath json, String list, String key) {
        return (Map<String, Object>) row(json, list, key).get("current");
    }

    private static void expect(Map<String, Object> figures, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object want = pairs[i + 1];
            Object got = figures.get(name);
            if (want == null) {
                assertNull(got, name);
            } else if (want instanceof Double d) {
                assertEquals(d, ((Number) got).doubleValue(), 0.0001, name);
            } else {
                assertEquals(((Number) want).longValue(), ((Number) got).longValue(), name);
            }
        }
    }

    @Test
    void groupOneOfJune2019AsWorkedOutByHand() {
        JsonPath json = as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200).extract().jsonPath();
        assertTrue(json.getBoolean("complete"));
        assertEquals("2019-05", json.getString("previousMonth"));
        expect(current(json, "groups", GROUP_1),
                // V1 (regular, on site) and V2 (follow-up, out of range); V3 was in May, V4 never completed.
                "visitsCompleted", 2, "visitsRegular", 1, "visitsFollowUp", 1, "visitsOnSite", 1,
                // V1 confirmed with the enterprise's code (V4 too, but it was never completed).
                "visitsConfirmed", 1, "confirmedShare", 0.5,
                // Ratings given in June: V1 5, V2 4, V3 3 (a May visit rated on 1 June).
                "visitRatings", 3, "meanVisitRating", 4.0,
                // E1 and E2 (whose assignment ends on 30 June) assigned; only E1 visited.
                "enterprisesAssigned", 2, "enterprisesVisited", 1, "coverageRate", 0.5,
                // I1 (visit), I2 (desk), I3 (enterprise), I6 (visit), I7 (desk), I9 (desk).
                "issuesRegistered", 6, "registeredFromVisits", 2, "registeredAtDesk", 3, "registeredByEnterprises", 1,
                // I1, I2, I3, I6 (forwarded twice, counted once), I9.
                "issuesForwarded", 5,
                // I1, I2 (answered twice, counted once), I9.
                "issuesAnswered", 3,
                // I1 closed out resolved; I2 was closed in July.
                "closedResolved", 1, "closedExplained", 0, "closedDuplicate", 0, "closedWithdrawn", 0,
                "closedWithoutConfirmation", 0, "issuesReopened", 1,
                // Open on 30 June at midnight: I2 (satisfied, not closed), I3, I6, I7, I9.
                "openAtMonthEnd", 5,
                // Only I3: in progress, due 17 June. I6 is due in July; I2 waits for close-out.
                "overdueAtMonthEnd", 1,
                // Deadlines in June: I1 (answered 6th, due 10th: on time), I2 (answered 14th, due 12th: late),
                // I2 again (answered 21st, due 24th: on time), I3 (due 17th, not answered by the month's end:
                // late, not left out). I9 is due in July though answered in June.
                "answersDue", 4, "answersOnTime", 2, "onTimeRate", 0.5,
                // Answers in June after 3, 7, 12 and 2 working days: median of 2, 3, 7, 12 = 5.
                "medianDaysToAnswer", 5.0,
                // The one close-out (I1) after 7 working days.
                "medianDaysToClose", 7.0,
                // Ratings: I1 5 (satisfied), I2 2 (not satisfied), I2 4 (satisfied).
                "ratings", 3, "meanRating", 3.6667, "satisfiedShare", 0.6667,
                // Of the four answers, all but I9's were rated before the month's end.
                "answersRated", 3, "ratedShare", 0.75,
                "issuesSupervised", 1, "returns", 1);
    }

    @Test
    void closedWithoutConfirmationIsKeptApartFromResolved() {
        JsonPath json = as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200).extract().jsonPath();
        expect(current(json, "groups", GROUP_2),
                // V6 at 23:50 on 30 June counts; V5 completed ten minutes into July does not.
                "visitsCompleted", 1, "visitsOnSite", 0, "visitsConfirmed", 0, "confirmedShare", 0.0,
                // V6's rating alone: counted, but no mean that would tell whose it was.
                "visitRatings", 1, "meanVisitRating", null,
                "enterprisesAssigned", 1, "enterprisesVisited", 1,
                "coverageRate", 1.0,
                // I4 (enterprise) and I8 (visit) registered; I5 was registered in May.
                "issuesRegistered", 2, "registeredByEnterprises", 1, "registeredFromVisits", 1,
                // Nothing solved: I5 closed without the enterprise's confirmation, I4 withdrawn, I8 a duplicate.
                "closedResolved", 0, "closedExplained", 0, "closedWithoutConfirmation", 1, "closedWithdrawn", 1,
                "closedDuplicate", 1, "medianDaysToClose", null,
                "openAtMonthEnd", 0, "overdueAtMonthEnd", 0,
                // I5's deadline was in May: nothing due in June, no rate rather than a rate of zero.
                "answersDue", 0, "onTimeRate", null, "ratings", 0, "meanRating", null, "ratedShare", null);
    }

    @Test
    void departmentsCountTheirReturnsAndTheIssuesTheyLead() {
        JsonPath json = as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200).extract().jsonPath();
        expect(current(json, "departments", DEPT_A),
                // Department A leads I1, I2, I3, I5, I6 and I9; I5 was registered in May.
                "issuesRegistered", 5, "issuesForwarded", 5, "issuesAnswered", 3, "closedResolved", 1,
                "closedWithoutConfirmation", 1, "openAtMonthEnd", 4, "overdueAtMonthEnd", 1,
                "answersDue", 4, "answersOnTime", 2, "onTimeRate", 0.5, "returns", 0);
        // Department B returned I6, which it no longer leads: the return is still its own.
        expect(current(json, "departments", DEPT_B), "returns", 1, "issuesRegistered", 0, "answersDue", 0);
    }

    @Test
    void industryChainsAndTownsFollowTheEnterprise() {
        JsonPath json = as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200).extract().jsonPath();
        // E1 (electronic information): V1, V2; I1, I2, I6, I9; deadlines of I1 and I2 (twice).
        expect(current(json, "chains", "ELECTRONIC_INFORMATION"), "visitsCompleted", 2, "issuesRegistered", 4,
                "answersDue", 3, "answersOnTime", 2, "onTimeRate", 0.6667);
        // E2 (equipment): I3 and I7; I3 overdue and late.
        expect(current(json, "chains", "EQUIPMENT"), "visitsCompleted", 0, "issuesRegistered", 2,
                "overdueAtMonthEnd", 1, "answersDue", 1, "answersOnTime", 0, "onTimeRate", 0.0);
        // E3 has no chain filled in.
        expect(current(json, "chains", "NONE"), "visitsCompleted", 1, "closedWithdrawn", 1, "closedDuplicate", 1);
        expect(current(json, "towns", "月报测试镇甲"), "visitsCompleted", 2, "enterprisesAssigned", 2,
                "enterprisesVisited", 1, "issuesRegistered", 6);
        expect(current(json, "towns", "月报测试镇乙"), "visitsCompleted", 1, "enterprisesAssigned", 1,
                "issuesRegistered", 2);
        // Nothing else of the test database happened in June 2019: the zone is the sum of the two groups.
        Map<String, Object> zone = json.getMap("zone.current");
        expect(zone, "visitsCompleted", 3, "issuesRegistered", 8, "closedResolved", 1, "closedWithoutConfirmation", 1,
                "openAtMonthEnd", 5, "answersDue", 4, "ratings", 3, "returns", 1);
    }

    @Test
    void aClosedMonthIsKeptAndAMonthBeforeTheDataIsEmpty() throws Exception {
        as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from period_figures where period = '2019-06'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
        JsonPath json = as(OFFICE).get("/api/v1/dashboard?month=2019-06").then().statusCode(200).extract().jsonPath();
        // May 2019 beside June: I5 was registered, forwarded and answered on time in May.
        @SuppressWarnings("unchecked")
        Map<String, Object> may = (Map<String, Object>) row(json, "groups", GROUP_2).get("previous");
        expect(may, "issuesRegistered", 1, "issuesForwarded", 1, "issuesAnswered", 1, "answersDue", 1,
                "answersOnTime", 1, "onTimeRate", 1.0, "closedWithoutConfirmation", 0);
    }

    @Test
    void trendOfOneGroupIsOldestFirst() {
        JsonPath json = as(OFFICE).get("/api/v1/dashboard/trend?month=2019-07&months=3&groupId=" + GROUP_1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("2019-05", "2019-06", "2019-07"), json.getList("months.month"));
        assertEquals(2, json.getInt("months[1].figures.visitsCompleted"));
        // July: I2 closed out. I3's late answer belongs to June's deadlines, not July's. July's deadlines:
        // I9 (answered in June, on time) and I6 (due 3 July, never answered: late).
        assertEquals(1, json.getInt("months[2].figures.closedResolved"));
        assertEquals(2, json.getInt("months[2].figures.answersDue"));
        assertEquals(1, json.getInt("months[2].figures.answersOnTime"));
    }

    @Test
    void onlyTheOfficeAndAdminSeeTheDashboard() {
        as(OFFICIAL_1).get("/api/v1/dashboard?month=2019-06").then().statusCode(403);
        as(DEPARTMENT).get("/api/v1/dashboard").then().statusCode(403);
        as(ADMIN).get("/api/v1/dashboard?month=2019-06").then().statusCode(200);
        invalidAs(OFFICE).get("/api/v1/dashboard?month=June").then().statusCode(400);
    }

    @Test
    void everyFigureIsInTheDictionaryAndBack() {
        JsonPath dictionary = as(OFFICIAL_1).get("/api/v1/metric-dictionary").then().statusCode(200).extract().jsonPath();
        List<String> keys = dictionary.getList("metrics.key");
        List<String> components = java.util.Arrays.stream(Figures.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        assertEquals(components, keys);
        assertTrue(dictionary.getInt("version") >= 1);
    }

    /**
     * The running month's figures are kept a short while per replica. Read at one moment, they are not served
     * once the clock is set back before it (they are from its future): they were, for as long as the clock took
     * to catch up, which a test that travelled in time left six days ahead for every later one.
     */
    @Test
    void aRunningMonthReadFromTheFutureIsNotServedAfterTheClockIsSetBack() {
        try (var held = TestClock.hold()) {
            // In the first minutes of a month, step in first: a minute back must stay in the same month.
            if (TestClock.chinaNow().getDayOfMonth() == 1 && TestClock.chinaNow().toLocalTime().isBefore(LocalTime.of(0, 5))) {
                TestClock.advance(Duration.ofMinutes(5));
            }
            String month = YearMonth.from(TestClock.chinaNow()).toString();
            as(OFFICE).get("/api/v1/dashboard?month=" + month).then().statusCode(200);
            TestClock.advance(Duration.ofMinutes(-1));
            OffsetDateTime now = TestClock.now();
            String asOf = as(OFFICE).get("/api/v1/dashboard?month=" + month).then().statusCode(200).extract().path("asOf");
            TestClock.advance(Duration.ofMinutes(1));
            assertTrue(!OffsetDateTime.parse(asOf).isAfter(now), "figures as of " + asOf + " served at " + now);
        }
    }
}
