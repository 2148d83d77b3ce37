package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The third quarter of 2018, built by hand in {@code report/q3-2018.sql}: its roll-ups and its assessment,
 * every expected figure, score and rank worked out from that file by hand (the comments say how).
 */
@QuarkusTest
public class QuarterTest extends ApiTest {

    public static final String G1 = "1a000000-0000-0000-0000-000000000001";
    static final String G2 = "1a000000-0000-0000-0000-000000000002";
    static final String G3 = "1a000000-0000-0000-0000-000000000003";
    static final String DA = "1d000000-0000-0000-0000-000000000001";
    static final String DB = "1d000000-0000-0000-0000-000000000002";
    static final String V3 = "1f000000-0000-0000-0000-000000000003";
    static final String V4 = "1f000000-0000-0000-0000-000000000004";
    /** Officials: 甲 leads group one and plans its visits; 丁 takes part in its September visit; 乙 leads group two. */
    static final String JIA = "1b000000-0000-0000-0000-000000000001";
    static final String YI = "1b000000-0000-0000-0000-000000000002";
    static final String BING = "1b000000-0000-0000-0000-000000000003";
    static final String DING = "1b000000-0000-0000-0000-000000000004";
    static final String WU = "1b000000-0000-0000-0000-000000000005";

    /**
     * Groups: coverage to 100%, confirmed visits to 50%, visits against the best group, 10 off per overdue issue.
     * Officials: visits against the best official, confirmed visits to 50%, issues from visits against the best.
     */
    public static final String SCHEME = """
            {"title": "季报测试考核方案",
             "groups": [{"metric": "coverageRate", "weight": 40, "rule": "RATE"},
                        {"metric": "confirmedShare", "weight": 20, "rule": "RATE", "target": 0.5},
                        {"metric": "visitsCompleted", "weight": 20, "rule": "RELATIVE"},
                        {"metric": "overdueAtMonthEnd", "weight": 20, "rule": "DEDUCT", "perUnit": 10}],
             "departments": [{"metric": "onTimeRate", "weight": 50, "rule": "RATE"},
                             {"metric": "satisfiedShare", "weight": 30, "rule": "RATE"},
                             {"metric": "returns", "weight": 20, "rule": "DEDUCT", "perUnit": 10}],
             "officials": [{"metric": "visitsCompleted", "weight": 50, "rule": "RELATIVE"},
                           {"metric": "confirmedShare", "weight": 30, "rule": "RATE", "target": 0.5},
                           {"metric": "registeredFromVisits", "weight": 20, "rule": "RELATIVE"}]}""";

    @BeforeEach
    void handBuiltQuarter() throws Exception {
        load();
    }

    /** The hand-built quarter with {@link #SCHEME} as the current version of 2018's scheme. */
    public static void loadWithScheme() throws Exception {
        load();
        String etag = as(OFFICE).get("/api/v1/assessment-schemes/2018").then().extract().header("ETag");
        as(OFFICE).header("If-Match", etag == null ? "\"0\"" : etag).contentType("application/json").body(SCHEME)
                .put("/api/v1/assessment-schemes/2018").then().statusCode(200);
    }

    /** Loads the hand-built quarter once per database. */
    public static void load() throws Exception {
        Db.loadOnce("/report/q3-2018.sql", "select count(*) from assistance_group where id = '" + G1 + "'");
    }

    @Test
    void theQuarterIsComputedOverItsWholeLengthNotFromItsMonthsRates() {
        JsonPath q = period("2018-Q3");
        assertEquals("QUARTER", q.getString("kind"));
        assertEquals("2018年第三季度", q.getString("label"));
        assertEquals("2018-Q2", q.getString("previousPeriod"));
        assertTrue(q.getBoolean("complete"));
        expect(current(q, "groups", G1),
                // V1 (July), V2 (August, a follow-up), V3 (September); V1 and V3 confirmed by the enterprise.
                "visitsCompleted", 3, "visitsFollowUp", 1, "visitsConfirmed", 2, "confirmedShare", 0.6667,
                // E1 (twice) and E2 visited, of E1 and E2 assigned: each month's coverage is 50%, the quarter's 100%.
                "enterprisesAssigned", 2, "enterprisesVisited", 2, "coverageRate", 1.0,
                // Q1, Q2, Q5 registered, all closed by the quarter's end.
                "issuesRegistered", 3, "closedResolved", 3, "openAtMonthEnd", 0, "overdueAtMonthEnd", 0);
        expect(current(q, "groups", G2), "visitsCompleted", 1, "visitsConfirmed", 0, "confirmedShare", 0.0,
                "coverageRate", 1.0,
                // Q3 answered (late) on 3 September and never rated: open, but not overdue (answered).
                "openAtMonthEnd", 1, "overdueAtMonthEnd", 0);
        expect(current(q, "groups", G3), "visitsCompleted", 0, "confirmedShare", null, "coverageRate", 0.0,
                // Q4 with department B since 25 September, due 28 September, unanswered.
                "openAtMonthEnd", 1, "overdueAtMonthEnd", 1);
        expect(current(q, "departments", DA),
                // Due: Q1 (9 July, answered 6th), Q2 (27 July, answered 3 August: late), Q5 (10 September, answered
                // 7th), Q5 again (17 September, answered 14th). Q4 is B's now.
                "answersDue", 4, "answersOnTime", 3, "onTimeRate", 0.75,
                // Ratings: Q1 5, Q2 4, Q5 2 (not satisfied), Q5 5.
                "ratings", 4, "satisfiedShare", 0.75, "meanRating", 4.0, "issuesReopened", 1,
                // Answers after 4, 10, 4 and 9 working days: the quarter's median is 6.5, which no month has.
                "medianDaysToAnswer", 6.5,
                // A returned Q4 on 25 September.
                "returns", 1);
        expect(current(q, "departments", DB),
                // Q3 (due 17 August, answered 3 September: late) and Q4 (due 28 September, still unanswered: late).
                "answersDue", 2, "answersOnTime", 0, "onTimeRate", 0.0, "ratings", 0, "satisfiedShare", null,
                "issuesSupervised", 1, "returns", 0);

        // The months: 50% coverage each, one enterprise visited each; the median of September's answers is 6.5
        // as well, July's 4 and August's 10.
        for (String month : List.of("2018-07", "2018-08", "2018-09")) {
            expect(current(period(month), "groups", G1), "enterprisesVisited", 1, "coverageRate", 0.5);
        }
        expect(current(period("2018-07"), "departments", DA), "medianDaysToAnswer", 4.0, "answersDue", 2,
                "answersOnTime", 1);
        expect(current(period("2018-08"), "departments", DA), "medianDaysToAnswer", 10.0, "answersDue", 0,
                "onTimeRate", null);
    }

    /**
     * What the dictionary says of every metric, on every row of every dimension, for the quarter, the half-year
     * and the year (2018's December closes Q3 and Q4): SUM metrics are the sum of the period's months, END
     * metrics its last month's; rates are recomputed from the period's own parts.
     */
    @Test
    void everyMetricRollsUpAsTheDictionarySays() {
        JsonPath dictionary = as(OFFICE).get("/api/v1/metric-dictionary").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> metrics = dictionary.getList("metrics");
        // Each answer read once into list → row key → figures (the JSON holds every group of the database).
        Map<String, Map<String, Map<String, Map<String, Object>>>> months = new java.util.HashMap<>();
        for (int m = 1; m <= 12; m++) {
            String key = String.format("2018-%02d", m);
            months.put(key, index(period(key)));
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String name : List.of("2018-Q3", "2018-H2", "2018")) {
            Map<String, Map<String, Map<String, Object>>> whole = index(period(name));
            Period p = Period.parse("period", name);
            List<Map<String, Map<String, Map<String, Object>>>> parts = p.months().stream().map(m -> months.get(m.toString())).toList();
            for (String list : List.of("groups", "departments", "chains", "towns")) {
                for (Map.Entry<String, Map<String, Object>> row : whole.get(list).entrySet()) {
                    String key = row.getKey();
                    Map<String, Object> f = row.getValue();
                    for (Map<String, Object> m : metrics) {
                        String metric = (String) m.get("key");
                        String rollUp = (String) m.get("rollUp");
                        assertNotNull(rollUp, metric);
                        Object value = f.get(metric);
                        if ("SUM".equals(rollUp)) {
                            long sum = 0;
                            for (var month : parts) {
                                sum += ((Number) month.get(list).get(key).get(metric)).longValue();
                            }
                            checked++;
                            if (sum != ((Number) value).longValue()) {
                                wrong.add(name + " " + list + " " + key + " " + metric + ": " + value + ", months " + sum);
                            }
                        } else if ("END".equals(rollUp)) {
                            checked++;
                            Object last = parts.get(parts.size() - 1).get(list).get(key).get(metric);
                            if (!value.equals(last)) {
                                wrong.add(name + " " + list + " " + key + " " + metric + ": " + value + ", last month " + last);
                            }
                        }
                    }
                    checkRatio(wrong, name + " " + list + " " + key, f, "coverageRate", "enterprisesVisited", "enterprisesAssigned");
                    checkRatio(wrong, name + " " + list + " " + key, f, "onTimeRate", "answersOnTime", "answersDue");
                    checkRatio(wrong, name + " " + list + " " + key, f, "confirmedShare", "visitsConfirmed", "visitsCompleted");
                }
            }
        }
        assertTrue(checked > 300, "only " + checked + " figures checked");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // December closed Q3 and Q4 without confirmation: the year has them, the quarter does not.
        expect(current(period("2018"), "departments", DB), "closedWithoutConfirmation", 2, "openAtMonthEnd", 0);
        expect(current(period("2018-Q3"), "departments", DB), "closedWithoutConfirmation", 0, "openAtMonthEnd", 2);
    }

    /**
     * The scheme above on the hand-built quarter, then published; a late correction of the data and a new
     * version of the scheme change the figures and a draft, never the published result.
     */
    @Test
    void scoresAndRanksAsWorkedOutByHandAndAPublishedScoreStaysAsPublished() throws Exception {
        String etag = as(OFFICE).get("/api/v1/assessment-schemes/2018").then().extract().header("ETag");
        var saved = as(OFFICE).header("If-Match", etag == null ? "\"0\"" : etag).contentType("application/json")
                .body(SCHEME).put("/api/v1/assessment-schemes/2018").then().statusCode(200).extract();
        assertEquals("季报测试考核方案", saved.jsonPath().getString("title"));

        JsonPath before = as(OFFICE).get("/api/v1/assessments/2018-Q3").then().statusCode(200).extract().jsonPath();
        if ("DRAFT".equals(before.getString("status"))) {
            handWorked(before);
            JsonPath published = as(OFFICE).post("/api/v1/assessments/2018-Q3/publish").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("PUBLISHED", published.getString("status"));
            assertNotNull(published.getString("publishedAt"));
        }
        JsonPath published = as(DemoData.INSPECTOR).get("/api/v1/assessments/2018-Q3").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("PUBLISHED", published.getString("status"));
        handWorked(published);
        as(OFFICE).post("/api/v1/assessments/2018-Q3/publish").then().statusCode(409).body("code", org.hamcrest.Matchers.is("CONFLICT"));
        as(DemoData.INSPECTOR).post("/api/v1/assessments/2018-Q4/publish").then().statusCode(403);

        try {
            // Late: the enterprise's confirmation of V4 is recorded, and the kept figures are recomputed (as a
            // new dictionary version would); the office gives confirmed visits all the groups' weight but ten.
            Db.execute("update visit set enterprise_confirmed_at = check_in_at, enterprise_code_id = 'q3-2018-late' where id = '" + V4 + "'");
            Db.execute("delete from period_figures where period like '2018%'");
            String current = as(OFFICE).get("/api/v1/assessment-schemes/2018").then().statusCode(200).extract().header("ETag");
            as(OFFICE).header("If-Match", current).contentType("application/json")
                    .body(SCHEME.replace("\"weight\": 40", "\"weight\": 10").replace("\"weight\": 20, \"rule\": \"RATE\", \"target\": 0.5",
                            "\"weight\": 50, \"rule\": \"RATE\", \"target\": 0.5"))
                    .put("/api/v1/assessment-schemes/2018").then().statusCode(200);
            // The figures moved: group two's visit now counts as confirmed.
            expect(current(period("2018-Q3"), "groups", G2), "visitsConfirmed", 1, "confirmedShare", 1.0);
            // The published result did not: the same totals, ranks and scheme version.
            JsonPath after = as(OFFICE).get("/api/v1/assessments/2018-Q3").then().statusCode(200).extract().jsonPath();
            assertEquals(published.getInt("schemeVersion"), after.getInt("schemeVersion"));
            assertEquals(published.getString("publishedAt"), after.getString("publishedAt"));
            handWorked(after);
            // A draft of another period is scored on the new version.
            JsonPath draft = as(OFFICE).get("/api/v1/assessments/2018-H2").then().statusCode(200).extract().jsonPath();
            assertEquals("DRAFT", draft.getString("status"));
            assertEquals(published.getInt("schemeVersion") + 1, draft.getInt("schemeVersion"));
            // Group two: 10 (coverage) + 50 (confirmed) + 6.67 (visits) + 20 (overdue) = 86.67.
            assertEquals(86.67, standing(draft, "groups", G2).get("total"));
        } finally {
            Db.execute("update visit set enterprise_confirmed_at = null, enterprise_code_id = null where id = '" + V4 + "'");
            Db.execute("delete from period_figures where period like '2018%'");
        }
    }

    /** A scheme's weights add up to 100, its metrics exist for the dimension, each rule has its own figure. */
    @Test
    void aBadSchemeIsRefusedNamingWhatIsWrongAndSavesNothing() {
        String etag = as(OFFICE).get("/api/v1/assessment-schemes/2019").then().extract().header("ETag");
        String bad = SCHEME.replace("\"weight\": 40", "\"weight\": 45")
                .replace("\"metric\": \"visitsCompleted\"", "\"metric\": \"onTimeRat\"")
                .replace("\"rule\": \"DEDUCT\", \"perUnit\": 10}],", "\"rule\": \"DEDUCT\"}],")
                // Coverage is a group's: an official has no enterprises assigned.
                .replace("\"officials\": [{\"metric\": \"visitsCompleted\"", "\"officials\": [{\"metric\": \"coverageRate\"")
                .replace("季报测试考核方案", "错误的方案");
        var answer = as(OFFICE).header("If-Match", etag == null ? "\"0\"" : etag).contentType("application/json").body(bad)
                .put("/api/v1/assessment-schemes/2019").then().statusCode(400).body("code", org.hamcrest.Matchers.is("VALIDATION_FAILED"))
                .extract().jsonPath();
        List<String> fields = answer.getList("errors.field");
        assertTrue(fields.contains("groups[2].metric"), fields.toString());
        assertTrue(fields.contains("groups"), fields.toString());
        assertTrue(fields.contains("departments[2].perUnit"), fields.toString());
        assertTrue(fields.contains("officials[0].metric"), fields.toString());
        String now = as(OFFICE).get("/api/v1/assessment-schemes/2019").then().extract().asString();
        assertFalse(now.contains("错误的方案"), now);
        // A period that does not exist, and a period that runs, cannot be assessed or published.
        invalidAs(OFFICE).get("/api/v1/assessments/2018-Q5").then().statusCode(400).body("code", org.hamcrest.Matchers.is("VALIDATION_FAILED"));
        // The quarter must not end between working it out and asking (its last second): the clock is held.
        try (var held = cn.zoufang.testsupport.TestClock.hold()) {
            String thisQuarter = cn.zoufang.testsupport.TestClock.today().getYear() + "-Q"
                    + ((cn.zoufang.testsupport.TestClock.today().getMonthValue() - 1) / 3 + 1);
            as(OFFICE).post("/api/v1/assessments/" + thisQuarter + "/publish").then().statusCode(409)
                    .body("code", org.hamcrest.Matchers.is("INVALID_STATE"));
        }
    }

    /**
     * By hand. Groups: G1 100 (coverage 40, confirmed 67% ≥ 50%: 20, 3 of the best 3 visits: 20, no overdue: 20);
     * G2 66.67 (40 + 0 + 1/3 × 20 + 20); G3 12.5 (coverage 0, visits 0, one overdue: 10, of the 80 it could be
     * scored on: confirmedShare has nothing to measure). Departments: A 70 (75% × 50 + 75% × 30 + 20 − 10);
     * B 28.57 (0 + 20 of the 70 it could be scored on: no ratings). Nobody else had enterprises assigned or
     * answers due in 2018.
     */
    private static void handWorked(JsonPath a) {
        List<Map<String, Object>> groups = a.getList("groups");
        assertEquals(List.of(G1, G2, G3), groups.stream().map(g -> g.get("key")).toList());
        assertEquals(List.of(1, 2, 3), groups.stream().map(g -> g.get("rank")).toList());
        assertEquals(List.of(100.0, 66.67, 12.5), groups.stream().map(g -> g.get("total")).toList());
        List<Map<String, Object>> g3 = scores(a, "groups", G3);
        assertEquals(0.0, g3.get(0).get("points"));
        assertNull(g3.get(1).get("value"));
        assertNull(g3.get(1).get("points"));
        assertEquals(10.0, g3.get(3).get("points"));
        assertEquals(6.67, scores(a, "groups", G2).get(2).get("points"));
        List<Map<String, Object>> departments = a.getList("departments");
        assertEquals(List.of(DA, DB), departments.stream().map(d -> d.get("key")).toList());
        assertEquals(List.of(1, 2), departments.stream().map(d -> d.get("rank")).toList());
        assertEquals(List.of(70.0, 28.57), departments.stream().map(d -> d.get("total")).toList());
        assertEquals(37.5, scores(a, "departments", DA).get(0).get("points"));

        // Officials, by name. 甲: planned V1–V3 (the best: 50), two confirmed (67% ≥ 50%: 30), registered Q1 from a
        // visit (the best: 20) = 100. 丁: took part in V3 (1/3 × 50 = 16.67), confirmed (30) = 46.67. 乙: V4
        // (16.67), not confirmed (0) = 16.67. 戊 (a member since January, no visit) and 丙 (registered Q4 at the
        // desk, no visit): 0 of the 70 they could be scored on (no confirmed share without a visit): 0, sharing 4th.
        List<Map<String, Object>> officials = a.getList("officials");
        assertEquals(List.of(JIA, DING, YI, WU, BING), officials.stream().map(o -> o.get("key")).toList());
        assertEquals(List.of(1, 2, 3, 4, 4), officials.stream().map(o -> o.get("rank")).toList());
        assertEquals(List.of(100.0, 46.67, 16.67, 0.0, 0.0), officials.stream().map(o -> o.get("total")).toList());
        assertEquals("季报测试干部丁", standing(a, "officials", DING).get("name"));
        assertEquals("季报测试一组", standing(a, "officials", DING).get("groups"));
        assertFalse(standing(a, "officials", JIA).containsKey("groups"), "甲 leads group one without being a member");
        assertEquals(16.67, scores(a, "officials", DING).get(0).get("points"));
        assertEquals(1.0, scores(a, "officials", DING).get(1).get("value"));
        assertNull(scores(a, "officials", WU).get(1).get("points"));
        assertEquals(List.of("visitsCompleted", "confirmedShare", "registeredFromVisits"),
                a.<Map<String, Object>>getList("officialIndicators").stream().map(i -> i.get("metric")).toList());
    }

    /** An official's figure opens to the visits it counts, by the official's part in them. */
    @Test
    void anOfficialsFiguresOpenToTheirOwnVisits() throws Exception {
        JsonPath ding = drill("visitsCompleted", DING);
        assertEquals(1, ding.getInt("value"));
        assertEquals(List.of("1f000000-0000-0000-0000-000000000003"), ding.getList("rows.id"));
        JsonPath jia = drill("confirmedShare", JIA);
        assertEquals(0.6667, jia.getDouble("value"), 0.0001);
        assertEquals(List.of("1f000000-0000-0000-0000-000000000001", "1f000000-0000-0000-0000-000000000002", V3),
                jia.getList("rows.id"));
        assertEquals(List.of(true, false, true), jia.getList("rows.inNumerator"));
        // Issues from visits: Q1 is 甲's; Q5 (the enterprise's own) is not, though 甲 registered it.
        assertEquals(List.of("11000000-0000-0000-0000-000000000001"), drill("registeredFromVisits", JIA).getList("rows.id"));
        assertEquals(0, drill("registeredFromVisits", BING).getInt("total"));
        // A quarter nobody was counted in: the members with an account by its end, unscored (nothing to measure).
        loadWithScheme();
        List<Map<String, Object>> first = as(OFFICE).get("/api/v1/assessments/2018-Q1").then().statusCode(200).extract()
                .jsonPath().getList("officials");
        assertEquals(List.of(DING, WU), first.stream().map(o -> o.get("key")).toList());
        assertTrue(first.stream().allMatch(o -> o.get("rank") == null && o.get("total") == null), first.toString());

        // Someone who is no official of the period is not found; a figure officials do not have is refused.
        as(OFFICE).queryParam("metric", "visitsCompleted").queryParam("dimension", "OFFICIAL")
                .queryParam("key", "1b000000-0000-0000-0000-0000000000ff").get("/api/v1/dashboard/periods/2018-Q3/rows")
                .then().statusCode(404);
        as(OFFICE).queryParam("metric", "coverageRate").queryParam("dimension", "OFFICIAL").queryParam("key", JIA)
                .get("/api/v1/dashboard/periods/2018-Q3/rows").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("dimension"));
    }

    private static JsonPath drill(String metric, String official) {
        return as(OFFICE).queryParam("metric", metric).queryParam("dimension", "OFFICIAL").queryParam("key", official)
                .get("/api/v1/dashboard/periods/2018-Q3/rows").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> scores(JsonPath a, String list, String key) {
        return (List<Map<String, Object>>) standing(a, list, key).get("scores");
    }

    private static Map<String, Object> standing(JsonPath a, String list, String key) {
        return a.<Map<String, Object>>getList(list).stream().filter(s -> key.equals(s.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + list));
    }

    private static void checkRatio(List<String> wrong, String row, Map<String, Object> f, String ratio, String part,
            String whole) {
        long w = ((Number) f.get(whole)).longValue();
        Object r = f.get(ratio);
        Double want = w == 0 ? null : Math.round(((Number) f.get(part)).doubleValue() / w * 10_000) / 10_000.0;
        if (want == null ? r != null : r == null || Math.abs(((Number) r).doubleValue() - want) > 0.00001) {
            wrong.add(row + " " + ratio + ": " + r + ", from its parts " + want);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> index(JsonPath json) {
        Map<String, Map<String, Map<String, Object>>> out = new java.util.HashMap<>();
        for (String list : List.of("groups", "departments", "chains", "towns")) {
            Map<String, Map<String, Object>> rows = new java.util.HashMap<>();
            for (Map<String, Object> r : json.<Map<String, Object>>getList(list)) {
                rows.put((String) r.get("key"), (Map<String, Object>) r.get("current"));
            }
            out.put(list, rows);
        }
        return out;
    }

    private static JsonPath period(String period) {
        return as(OFFICE).get("/api/v1/dashboard/periods/" + period).then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(JsonPath json, String list, String key) {
        return (Map<String, Object>) json.<Map<String, Object>>getList(list).stream().filter(r -> key.equals(r.get("key")))
                .findFirst().orElseThrow(() -> new AssertionError(key + " not in " + list)).get("current");
    }

    private static void expect(Map<String, Object> figures, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object want = pairs[i + 1];
            Object got = figures.get(name);
            if (want == null) {
                assertNull(got, name);
            } else if (want instanceof Double d) {
                assertNotNull(got, name);
                assertEquals(d, ((Number) got).doubleValue(), 0.0001, name);
            } else {
                assertEquals(((Number) want).longValue(), ((Number) got).longValue(), name);
            }
        }
    }
}
