package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Figures that open to their sources: for every metric of the dictionary (counts, recounts, values at the
 * end, rates, means, medians), on every row of the two hand-built periods (June 2019, Q3 2018; the quarter's
 * officials too), the rows listed are exactly those the figure counts; then a few rows checked by hand.
 */
@QuarkusTest
class DrillDownTest extends ApiTest {

    @BeforeEach
    void handBuiltPeriods() throws Exception {
        MetricsTest.loadJune2019();
        QuarterTest.load();
    }

    @Test
    void everyFigureOpensToExactlyTheRowsItCounts() {
        List<Map<String, Object>> metrics = as(OFFICE).get("/api/v1/metric-dictionary").then().statusCode(200)
                .extract().jsonPath().getList("metrics");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String period : List.of("2019-06", "2018-Q3")) {
            JsonPath figures = as(OFFICE).get("/api/v1/dashboard/periods/" + period).then().statusCode(200).extract().jsonPath();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { "ZONE", null });
            for (String list : List.of("groups", "departments", "chains", "towns")) {
                String dimension = Map.of("groups", "GROUP", "departments", "DEPARTMENT", "chains", "CHAIN", "towns", "TOWN").get(list);
                for (Map<String, Object> r : figures.<Map<String, Object>>getList(list)) {
                    String key = (String) r.get("key");
                    // The hand-built rows only: the demo's and other tests' rows are empty in 2018 and June 2019.
                    @SuppressWarnings("unchecked")
                    Map<String, Object> f = (Map<String, Object>) r.get("current");
                    boolean busy = ((Number) f.get("enterprisesAssigned")).longValue() + ((Number) f.get("issuesRegistered")).longValue()
                            + ((Number) f.get("visitsCompleted")).longValue() + ((Number) f.get("openAtMonthEnd")).longValue() > 0;
                    if (String.valueOf(r.get("name")).matches(".*(月报测试|季报测试).*") || list.equals("chains") && busy) {
                        rows.add(new String[] { dimension, key });
                    }
                }
            }
            if (period.equals("2018-Q3")) {
                // The quarter's officials (the assessment names them; every one of them is the fixture's).
                for (String official : List.of(QuarterTest.JIA, QuarterTest.YI, QuarterTest.BING, QuarterTest.DING, QuarterTest.WU)) {
                    rows.add(new String[] { "OFFICIAL", official });
                }
            }
            for (Map<String, Object> m : metrics) {
                String metric = (String) m.get("key");
                @SuppressWarnings("unchecked")
                List<String> dimensions = (List<String>) m.get("dimensions");
                for (String[] row : rows) {
                    if (!dimensions.contains(row[0])) {
                        continue;
                    }
                    JsonPath drill = as(OFFICE).queryParam("metric", metric).queryParam("dimension", row[0])
                            .queryParam("limit", 5000).queryParams(row[1] == null ? Map.of() : Map.of("key", row[1]))
                            .get("/api/v1/dashboard/periods/" + period + "/rows").then().statusCode(200).extract().jsonPath();
                    checked++;
                    String where = period + " " + metric + " " + row[0] + " " + row[1] + ": ";
                    Number value = (Number) drill.get("value");
                    long total = drill.getLong("total");
                    List<Map<String, Object>> listed = drill.getList("rows");
                    if (total != listed.size()) {
                        wrong.add(where + "total " + total + " but " + listed.size() + " listed");
                    }
                    String basis = drill.getString("basis");
                    String rollUp = (String) m.get("rollUp");
                    if (basis.equals(metric)) {
                        // A count: one row per unit counted.
                        if (value.longValue() != total) {
                            wrong.add(where + "figure " + value + ", rows " + total);
                        }
                    } else if ("RATIO".equals(rollUp)) {
                        long above = listed.stream().filter(r -> Boolean.TRUE.equals(r.get("inNumerator"))).count();
                        Double rate = value == null ? null : value.doubleValue();
                        Double fromRows = total == 0 ? null : Math.round(10_000.0 * above / total) / 10_000.0;
                        if (rate == null ? fromRows != null : fromRows == null || Math.abs(rate - fromRows) > 0.00001) {
                            wrong.add(where + "rate " + rate + ", from its rows " + above + "/" + total);
                        }
                    } else if (value != null && value.doubleValue() != 0 && total == 0) {
                        wrong.add(where + "a " + rollUp + " of " + value + " over no rows");
                    } else if (value == null && total > 0 && !metric.equals("meanVisitRating")) {
                        wrong.add(where + "no " + rollUp + " over " + total + " rows");
                    }
                }
            }
        }
        assertTrue(checked > 500, "only " + checked + " drill-downs");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** By hand: the rows of Q3 2018 that QuarterTest counts. */
    @Test
    void theQuartersRowsByHand() {
        JsonPath visits = drill("2018-Q3", "visitsCompleted", "GROUP", QuarterTest.G1);
        assertEquals(List.of("1f000000-0000-0000-0000-000000000001", "1f000000-0000-0000-0000-000000000002",
                "1f000000-0000-0000-0000-000000000003"), visits.getList("rows.id"));
        assertEquals(List.of("VISIT", "VISIT", "VISIT"), visits.getList("rows.kind"));

        JsonPath coverage = drill("2018-Q3", "coverageRate", "GROUP", QuarterTest.G1);
        assertEquals("enterprisesAssigned", coverage.getString("basis"));
        assertEquals(List.of(true, true), coverage.getList("rows.inNumerator"));

        // Department A's four answers due: Q2's (answered 3 August, due 27 July) is the late one.
        JsonPath onTime = drill("2018-Q3", "onTimeRate", "DEPARTMENT", QuarterTest.DA);
        assertEquals(4, onTime.getInt("total"));
        List<Map<String, Object>> late = onTime.<Map<String, Object>>getList("rows").stream()
                .filter(r -> Boolean.FALSE.equals(r.get("inNumerator"))).toList();
        assertEquals(1, late.size());
        assertEquals("2018-900002", late.get(0).get("ledgerNo"));
        assertTrue(((String) late.get(0).get("at")).startsWith("2018-08-03T09:00"), late.toString());

        // Department B's answers due: Q3 answered late, and Q4, still unanswered at the quarter's end (no step).
        JsonPath due = drill("2018-Q3", "answersDue", "DEPARTMENT", QuarterTest.DB);
        assertEquals(List.of("2018-900003", "2018-900004"), due.<String>getList("rows.ledgerNo").stream().sorted().toList());
        JsonPath overdue = drill("2018-Q3", "overdueAtMonthEnd", "GROUP", QuarterTest.G3);
        assertEquals(List.of("2018-900004"), overdue.getList("rows.ledgerNo"));
        // Returns by department are the returning department's: A returned Q4.
        assertEquals(List.of("2018-900004"), drill("2018-Q3", "returns", "DEPARTMENT", QuarterTest.DA).getList("rows.ledgerNo"));

        // A figure not counted for the dimension, and a group that is none: clear errors.
        invalidAs(OFFICE).queryParam("metric", "visitsCompleted").queryParam("dimension", "DEPARTMENT")
                .queryParam("key", QuarterTest.DA).get("/api/v1/dashboard/periods/2018-Q3/rows").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("dimension"));
        as(OFFICE).queryParam("metric", "visitsCompleted").queryParam("dimension", "GROUP")
                .queryParam("key", java.util.UUID.randomUUID().toString()).get("/api/v1/dashboard/periods/2018-Q3/rows")
                .then().statusCode(404);
    }

    private static JsonPath drill(String period, String metric, String dimension, String key) {
        return as(OFFICE).queryParam("metric", metric).queryParam("dimension", dimension).queryParam("key", key)
                .get("/api/v1/dashboard/periods/" + period + "/rows").then().statusCode(200).extract().jsonPath();
    }
}
