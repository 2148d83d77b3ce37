package cn.zoufang.sync;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** 同步: full snapshot, deltas, removals from scope, paging, forged cursors, a change that commits late. */
@QuarkusTest
class SyncTest extends ApiTest {

    @Inject
    AgroalDataSource db;

    private static int codes = 7000; // credit codes no other test uses

    static JsonPath sync(String phone, String cursor, int limit) {
        var request = as(phone).queryParam("limit", limit);
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
    }

    /** Pages until the round is complete; every page's items added to {@code pages}. */
    static String drain(String phone, String cursor, int limit, List<JsonPath> pages) {
        String c = cursor;
        for (int i = 0; i < 1000; i++) {
            JsonPath page = sync(phone, c, limit);
            pages.add(page);
            c = page.getString("cursor");
            if (!page.getBoolean("hasMore")) {
                return c;
            }
        }
        throw new AssertionError("sync never finished");
    }

    static List<String> all(List<JsonPath> pages, String path) {
        List<String> ids = new ArrayList<>();
        pages.forEach(p -> ids.addAll(p.getList(path, String.class)));
        return ids;
    }

    private static String newEnterprise(String name) {
        return as(OFFICE).body(Fixtures.enterprise(name, DemoData.demoCreditCode(codes++))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aFullSnapshotThenOnlyWhatChanged() {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = drain(OFFICIAL_1, null, 1000, pages);
        assertTrue(pages.get(0).getBoolean("full"));
        assertTrue(all(pages, "enterprises.name").contains("欧菲光（演示）"));
        assertFalse(all(pages, "enterprises.name").contains("江铃新能源（演示）"), "another group's enterprise");

        String visit = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        List<JsonPath> delta = new ArrayList<>();
        cursor = drain(OFFICIAL_1, cursor, 1000, delta);
        assertFalse(delta.get(0).getBoolean("full"));
        assertEquals(List.of(visit), all(delta, "visits.id"));
        assertTrue(all(delta, "enterprises.id").isEmpty());

        // Nothing new: nothing sent, and the quiet round's cursor still brings what changes after it.
        JsonPath quiet = sync(OFFICIAL_1, cursor, 1000);
        assertTrue(quiet.getList("visits").isEmpty() && quiet.getList("issues").isEmpty());
        assertFalse(quiet.getBoolean("hasMore"));
        String later = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        assertEquals(List.of(later), all(List.of(sync(OFFICIAL_1, quiet.getString("cursor"), 1000)), "visits.id"));
    }

    /** An issue of the enterprise registered by the desk. */
    private static String issueOf(String enterpriseId, String title) {
        String id = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", enterpriseId, "category", "POLICY", "title", title,
                "description", title)).post("/api/v1/issues").then().statusCode(201);
        return id;
    }

    /**
     * A snapshot carries what the app works with today — open issues, visits still to do and the last three
     * months' — and leaves older finished history to the enterprise's history pages, which page through all of
     * it newest first. The next delta does not send the history either; a change to an old object does.
     */
    @Test
    void aSnapshotLeavesOldHistoryToTheEnterprisesHistoryPages() throws Exception {
        try (var held = TestClock.hold()) {
            LocalDate today = TestClock.today();
            String enterprise = newEnterprise("同步历史测试企业");
            as(OFFICE).body(Map.of("enterpriseId", enterprise, "startDate", today.minusDays(3).toString()))
                    .post("/api/v1/groups/" + Fixtures.groupOf(LEADER_1) + "/assignments").then().statusCode(201);
            List<String> oldVisits = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                oldVisits.add(Visits.plan(OFFICIAL_1, enterprise));
            }
            String openOldVisit = Visits.plan(OFFICIAL_1, enterprise);
            String recentVisit = Visits.plan(OFFICIAL_1, enterprise);
            String oldIssue = issueOf(enterprise, "同步历史：早已办结");
            String recentIssue = issueOf(enterprise, "同步历史：上月办结");
            String openIssue = issueOf(enterprise, "同步历史：仍在办理");
            LocalDate before = today.minusMonths(3);
            // Five finished visits planned 100 to 140 days ago (each on its own day), one never done that long
            // ago, one cancelled last week; one issue closed half a year ago, one a week ago.
            for (int i = 0; i < oldVisits.size(); i++) {
                Db.execute("update visit set status = 'CANCELLED', cancel_reason = '测试', planned_date = date '"
                        + today.minusDays(100 + 10L * i) + "' where id = '" + oldVisits.get(i) + "'");
            }
            Db.execute("update visit set planned_date = date '" + today.minusDays(200) + "' where id = '" + openOldVisit + "'");
            Db.execute("update visit set status = 'CANCELLED', cancel_reason = '测试', planned_date = date '"
                    + today.minusDays(7) + "' where id = '" + recentVisit + "'");
            // On the service's clock (a hard day's run lives in another month than the database's).
            Db.execute("update issue set status = 'CLOSED', closed_at = timestamptz '" + TestClock.now().minusDays(180)
                    + "' where id = '" + oldIssue + "'");
            Db.execute("update issue set status = 'CLOSED', closed_at = timestamptz '" + TestClock.now().minusDays(7)
                    + "' where id = '" + recentIssue + "'");

            // Two notices of half a year ago: the unread one is still the app's to show, the read one is history.
            String me = as(OFFICIAL_1).get("/api/v1/me").then().statusCode(200).extract().path("id");
            String unreadOld = UUID.randomUUID().toString();
            String readOld = UUID.randomUUID().toString();
            String halfYearAgo = "timestamptz '" + TestClock.now().minusDays(180) + "'";
            Db.execute("insert into notification (id, account_id, type, object_type, object_id, created_at, read_at) values ('"
                    + unreadOld + "', '" + me + "', 'ISSUE_FORWARDED', 'ISSUE', '" + oldIssue + "', " + halfYearAgo + ", null), ('"
                    + readOld + "', '" + me + "', 'ISSUE_FORWARDED', 'ISSUE', '" + oldIssue + "', " + halfYearAgo + ", "
                    + halfYearAgo + ")");

            List<JsonPath> pages = new ArrayList<>();
            String cursor = drain(OFFICIAL_1, null, 2, pages);
            List<String> notices = all(pages, "notifications.id");
            assertTrue(notices.contains(unreadOld), "an unread notice comes whatever its age");
            assertFalse(notices.contains(readOld), "a notice read half a year ago is history");
            assertTrue(pages.size() > 2, "several pages, each leaving the same history out");
            pages.forEach(p -> assertEquals(before.toString(), p.getString("historyBefore")));
            List<String> visits = all(pages, "visits.id");
            List<String> issues = all(pages, "issues.issue.id");
            assertTrue(visits.containsAll(List.of(openOldVisit, recentVisit)), "visits to do and recent ones come");
            oldVisits.forEach(v -> assertFalse(visits.contains(v), "old finished visits are history"));
            assertTrue(issues.containsAll(List.of(recentIssue, openIssue)));
            assertFalse(issues.contains(oldIssue), "an issue closed half a year ago is history");

            // The history, two of a kind per page, newest first, each object once.
            List<String> historyVisits = new ArrayList<>();
            List<String> historyIssues = new ArrayList<>();
            String next = null;
            int historyPages = 0;
            do {
                var request = as(OFFICIAL_1).queryParam("before", before.toString()).queryParam("limit", 2);
                if (next != null) {
                    request = request.queryParam("cursor", next);
                }
                JsonPath page = request.get("/api/v1/sync/enterprises/" + enterprise + "/history").then().statusCode(200)
                        .extract().jsonPath();
                assertEquals(enterprise, page.getString("enterpriseId"));
                assertTrue(page.getList("visits").size() <= 2);
                historyVisits.addAll(page.getList("visits.id", String.class));
                historyIssues.addAll(page.getList("issues.issue.id", String.class));
                for (int i = 0; i < page.getList("issues").size(); i++) {
                    assertFalse(page.getList("issues[" + i + "].timeline").isEmpty(), "with its timeline");
                }
                next = page.getString("nextCursor");
                historyPages++;
            } while (next != null && historyPages < 20);
            assertEquals(oldVisits, historyVisits, "newest first, each once");
            assertEquals(List.of(oldIssue), historyIssues);
            assertEquals(3, historyPages);

            // Out of scope is as missing; a cursor the server did not make is a 400.
            as(OFFICIAL_2).get("/api/v1/sync/enterprises/" + enterprise + "/history").then().statusCode(404);
            as(OFFICIAL_1).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/sync/enterprises/" + enterprise + "/history")
                    .then().statusCode(400);

            // The first delta brings nothing of the history; a change to an old visit is sent like any change.
            List<JsonPath> delta = new ArrayList<>();
            cursor = drain(OFFICIAL_1, cursor, 1000, delta);
            assertFalse(all(delta, "visits.id").stream().anyMatch(oldVisits::contains), "history is not sent afterwards");
            assertTrue(delta.stream().allMatch(p -> p.get("historyBefore") == null), "a delta leaves nothing out");
            Db.execute("update visit set cancel_reason = '测试：改' where id = '" + oldVisits.get(0) + "'");
            List<JsonPath> changed = new ArrayList<>();
            drain(OFFICIAL_1, cursor, 1000, changed);
            assertEquals(List.of(oldVisits.get(0)), all(changed, "visits.id"));
        }
    }

    @Test
    void anEnterpriseMovedToAnotherGroupArrivesAsARemovalAndTheOtherGroupGetsIt() {
        // Today must not change under the test (the run may cross midnight China time).
        try (var held = TestClock.hold()) {
            String group1 = Fixtures.groupOf(LEADER_1);
            String group2 = Fixtures.groupOf(OFFICIAL_2);
            LocalDate today = TestClock.today();
            String id = newEnterprise("同步改挂测试企业");
            String official1 = drain(OFFICIAL_1, null, 1000, new ArrayList<>());
            String official2 = drain(OFFICIAL_2, null, 1000, new ArrayList<>());

            as(OFFICE).body(Map.of("enterpriseId", id, "startDate", today.minusDays(3).toString()))
                    .post("/api/v1/groups/" + group1 + "/assignments").then().statusCode(201);
            List<JsonPath> gained = new ArrayList<>();
            official1 = drain(OFFICIAL_1, official1, 1000, gained);
            assertTrue(all(gained, "enterprises.id").contains(id), "a new assignment brings the enterprise");

            as(OFFICE).body(Map.of("enterpriseId", id, "startDate", today.toString()))
                    .post("/api/v1/groups/" + group2 + "/assignments").then().statusCode(201);
            List<JsonPath> lost = new ArrayList<>();
            drain(OFFICIAL_1, official1, 1000, lost);
            assertTrue(all(lost, "removedEnterprises").contains(id), "the reassigned enterprise is removed");
            assertFalse(all(lost, "enterprises.id").contains(id));
            List<JsonPath> other = new ArrayList<>();
            drain(OFFICIAL_2, official2, 1000, other);
            assertTrue(all(other, "enterprises.id").contains(id), "the new group gets it");
        }
    }

    /**
     * Changes are stamped by the database's clock, assignments dated by the service's: the scope round keeps
     * the two apart. With the service's clock 100 days ahead (a test's; in production they agree), an
     * enterprise assigned from the service's today arrives once, and the next round is quiet.
     */
    @Test
    void theScopeRoundDatesAssignmentsOnTheServicesClock() {
        String group1 = Fixtures.groupOf(LEADER_1);
        try (var held = TestClock.hold()) {
            TestClock.advance(java.time.Duration.ofDays(100));
            try {
                String cursor = drain(OFFICIAL_1, null, 1000, new ArrayList<>());
                String id = newEnterprise("同步时钟测试企业");
                as(OFFICE).body(Map.of("enterpriseId", id, "startDate", TestClock.today().toString()))
                        .post("/api/v1/groups/" + group1 + "/assignments").then().statusCode(201);
                List<JsonPath> arrived = new ArrayList<>();
                cursor = drain(OFFICIAL_1, cursor, 1000, arrived);
                assertTrue(all(arrived, "enterprises.id").contains(id), "the new assignment brings the enterprise");
                List<JsonPath> next = new ArrayList<>();
                drain(OFFICIAL_1, cursor, 1000, next);
                assertEquals(List.of(), all(next, "enterprises.id"), "sent again in the next round");
            } finally {
                TestClock.advance(java.time.Duration.ofDays(-100));
            }
        }
    }

    @Test
    void joiningAGroupBringsItsEnterprisesAndLeavingItRemovesThem() {
        String group1 = Fixtures.groupOf(LEADER_1);
        String phone = "19900000" + (100 + (int) (Math.random() * 800));
        String account = People.create(phone, People.STRONG, List.of("OFFICIAL"), null, null).id();
        String cursor = drain(phone, null, 1000, new ArrayList<>());
        List<String> groupEnterprises = as(LEADER_1).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .statusCode(200).extract().jsonPath().getList("items.id");

        as(OFFICE).body(Map.of("accountId", account)).post("/api/v1/groups/" + group1 + "/members").then().statusCode(200);
        List<JsonPath> joined = new ArrayList<>();
        cursor = drain(phone, cursor, 1000, joined);
        assertTrue(all(joined, "enterprises.id").containsAll(groupEnterprises), "joining brings the group's enterprises");

        as(OFFICE).delete("/api/v1/groups/" + group1 + "/members/" + account).then().statusCode(200);
        List<JsonPath> left = new ArrayList<>();
        drain(phone, cursor, 1000, left);
        assertTrue(all(left, "removedEnterprises").containsAll(groupEnterprises), "leaving removes them");
    }

    @Test
    void pagingThroughALargeChangeSetSendsEveryChangeOnce() {
        String start = drain(OFFICE, null, 1000, new ArrayList<>());
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            created.add(newEnterprise("同步分页测试企业" + i));
        }
        List<JsonPath> pages = new ArrayList<>();
        drain(OFFICE, start, 5, pages);
        assertTrue(pages.size() >= 5, "small pages: " + pages.size());
        List<String> sent = all(pages, "enterprises.id");
        assertEquals(new HashSet<>(sent).size(), sent.size(), "an enterprise sent twice");
        assertTrue(sent.containsAll(created));
        // The same from scratch in small pages equals one big page.
        List<JsonPath> small = new ArrayList<>();
        drain(OFFICE, null, 7, small);
        List<JsonPath> big = new ArrayList<>();
        drain(OFFICE, null, 1000, big);
        List<String> smallIds = all(small, "enterprises.id");
        assertEquals(new HashSet<>(smallIds).size(), smallIds.size());
        assertEquals(new HashSet<>(all(big, "enterprises.id")), new HashSet<>(smallIds));
        assertEquals(new HashSet<>(all(big, "issues.issue.id")), new HashSet<>(all(small, "issues.issue.id")));
    }

    @Test
    void morePhonesAtOnceThanTheDatabasePoolHasConnectionsAllGetAnswers() throws Exception {
        // A round uses the pool and the session; were one request ever to hold both, as many requests as the
        // pool has connections would each wait for a second one, and every request after them would hang.
        int pool = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        String cursor = drain(OFFICIAL_1, null, 1000, new ArrayList<>());
        ExecutorService phones = Executors.newFixedThreadPool(pool * 2 + 8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < pool * 2 + 8; i++) {
                answers.add(phones.submit(() -> as(OFFICIAL_1).queryParam("cursor", cursor).get("/api/v1/sync").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            phones.shutdownNow();
        }
    }

    @Test
    void aForgedOrForeignCursorAnswers410() {
        String cursor = sync(OFFICIAL_1, null, 1000).getString("cursor");
        // One character well inside (base64url's last character may carry unused bits: changing it may change nothing).
        int at = cursor.length() - 10;
        String forged = cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
        as(OFFICIAL_1).queryParam("cursor", forged).get("/api/v1/sync").then().statusCode(410)
                .body("code", is("SYNC_CURSOR_EXPIRED"));
        as(OFFICIAL_1).queryParam("cursor", "not-a-cursor").get("/api/v1/sync").then().statusCode(410);
        // Another account's cursor is no good either.
        as(OFFICIAL_2).queryParam("cursor", cursor).get("/api/v1/sync").then().statusCode(410);
        invalidAs(OFFICIAL_1).queryParam("limit", 0).get("/api/v1/sync").then().statusCode(400);
    }

    @Test
    void aChangeThatCommitsLateIsSentLateNotSkipped() throws Exception {
        String first = newEnterprise("同步晚提交测试一");
        String second = newEnterprise("同步晚提交测试二");
        String cursor = drain(OFFICE, null, 1000, new ArrayList<>());
        try (Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                // Stamped now, committed later.
                s.executeUpdate("update enterprise set address = address || '（慢）' where id = '" + first + "'");
            }
            try (Connection fast = db.getConnection(); Statement s = fast.createStatement()) {
                s.executeUpdate("update enterprise set address = address || '（快）' where id = '" + second + "'");
            }
            JsonPath held = sync(OFFICE, cursor, 1000);
            assertFalse(held.getList("enterprises.id").contains(second),
                    "a change after one still uncommitted waits for it");
            cursor = held.getString("cursor");
            slow.commit();
        }
        List<JsonPath> after = new ArrayList<>();
        drain(OFFICE, cursor, 1000, after);
        assertTrue(all(after, "enterprises.id").containsAll(List.of(first, second)));
    }

    @Test
    void aDepartmentWithNoIssuesYetGetsTheFirstOneForwardedToIt() {
        // Its rounds find no issue at all (nothing to start after), until the desk forwards one to it.
        String department = as(OFFICE).body(Map.of("name", "同步测试局" + codes++)).post("/api/v1/departments").then()
                .statusCode(201).extract().path("id");
        String phone = "19900001" + (100 + (int) (Math.random() * 800));
        People.create(phone, People.STRONG, List.of("DEPARTMENT_HANDLER"), department, null);
        List<JsonPath> first = new ArrayList<>();
        String cursor = drain(phone, null, 1000, first);
        assertTrue(all(first, "issues.issue.id").isEmpty());
        JsonPath quiet = sync(phone, cursor, 1000);
        assertTrue(quiet.getList("issues").isEmpty());

        String id = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "POLICY",
                "title", "同步首件测试", "description", "同步首件测试")).post("/api/v1/issues").then().statusCode(201);
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", department))
                .post("/api/v1/issues/" + id + "/forward").then().statusCode(200);
        List<JsonPath> after = new ArrayList<>();
        drain(phone, quiet.getString("cursor"), 1000, after);
        assertEquals(List.of(id), all(after, "issues.issue.id"));
    }

    @Test
    void anIssueReturnedByTheDepartmentLeavesItsPhone() {
        String cursor = drain(DEPARTMENT, null, 1000, new ArrayList<>());
        String id = Fixtures.forwardedIssue("同步退回测试");
        List<JsonPath> got = new ArrayList<>();
        cursor = drain(DEPARTMENT, cursor, 1000, got);
        assertTrue(all(got, "issues.issue.id").contains(id));
        assertTrue(got.stream().anyMatch(p -> !p.getList("issues.find { it.issue.id == '" + id + "' }.timeline").isEmpty()));

        as(DEPARTMENT).header("If-Match", "\"1\"").body(Map.of("reason", "不属于本单位职责"))
                .post("/api/v1/issues/" + id + "/return").then().statusCode(200);
        List<JsonPath> lost = new ArrayList<>();
        drain(DEPARTMENT, cursor, 1000, lost);
        assertTrue(all(lost, "removedIssues").contains(id));
    }
}
