package cn.zoufang.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * An official's day without a signal: 30 writes queued on the phone (visits and their steps, photos,
 * issues, forwards, a cancellation), replayed by the rules of mobile-contract/writes.md — chains of
 * different objects interleaved out of their creation order, two answers lost on the way (the write is
 * sent again with its key), and every write sent a second time at the end. Meanwhile others changed two
 * of the objects the official had queued steps for: exactly those two steps fail, as the rules predict.
 */
@QuarkusTest
class OfflineDayTest extends ApiTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A queued write: where it goes, and what it sends, computed at replay time from earlier answers. */
    record Write(String lane, String object, String method, Supplier<String> path, Supplier<Object> body,
            boolean conditional, String key) {
    }

    /** The phone's memory of each object's last ETag, and of answers that later writes need. */
    final Map<String, String> etags = new HashMap<>();
    final Map<String, String> values = new HashMap<>();
    final List<Write> queue = new ArrayList<>();

    private void queue(String object, String method, Supplier<String> path, Supplier<Object> body, boolean conditional) {
        queue(object, object, method, path, body, conditional);
    }

    /** {@code lane}: the chain the write belongs to (a photo's steps follow its visit's). */
    private void queue(String lane, String object, String method, Supplier<String> path, Supplier<Object> body,
            boolean conditional) {
        queue.add(new Write(lane, object, method, path, body, conditional, UUID.randomUUID().toString()));
    }

    /** The If-Match each write went out with: a retry must be the very same request. */
    final Map<String, String> sentWith = new HashMap<>();
    final Map<String, Object> sentBody = new HashMap<>();
    final Map<String, String> sentPath = new HashMap<>();

    private Response send(Write w) {
        var request = as(OFFICIAL_1).header("Idempotency-Key", w.key());
        if (w.conditional()) {
            String ifMatch = sentWith.computeIfAbsent(w.key(), k -> etags.getOrDefault(w.object(), "\"0\""));
            request = request.header("If-Match", ifMatch);
        }
        // The phone stores the request it made (time stamps included) and sends exactly that again.
        Object body = sentBody.computeIfAbsent(w.key(), k -> w.body().get());
        if (body != null) {
            request = request.body(body);
        }
        String path = sentPath.computeIfAbsent(w.key(), k -> w.path().get());
        return w.method().equals("PUT") ? request.put(path) : request.post(path);
    }

    /** Remembers what an answer tells the phone: the object's new ETag. */
    private void remember(Write w, Response r) {
        if (r.statusCode() < 300 && r.header("ETag") != null) {
            etags.put(w.object(), r.header("ETag"));
        }
    }

    private static Map<String, Object> visit(String id, String enterpriseId) {
        return Visits.newVisit(id, enterpriseId);
    }

    private static Map<String, Object> issue(String id, String enterpriseId, String visitId, String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("enterpriseId", enterpriseId);
        m.put("category", "APPROVAL");
        m.put("title", title);
        m.put("description", "离线登记：" + title);
        m.put("visitId", visitId);
        return m;
    }

    @Test
    void aDayOfOfflineWritesReplaysWithoutDuplicatesOrLossesAndWithThePredictedConflicts() throws Exception {
        String site = Visits.enterpriseId("欧菲光");
        String economy = Fixtures.departmentId("区经发局");

        // Before the signal went: an issue of the group's, and a planned visit; the phone saw both at version 0.
        String earlierIssue = UUID.randomUUID().toString();
        as(OFFICIAL_1).body(issue(earlierIssue, site, null, "离线前登记的诉求")).post("/api/v1/issues").then().statusCode(201);
        String plannedVisit = Visits.plan(OFFICIAL_1, site);
        etags.put("issue:earlier", "\"0\"");
        etags.put("visit:planned", "\"0\"");

        // ---- the day, queued ----
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        String sha = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        List<String> visits = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int n = k;
            String v = UUID.randomUUID().toString();
            visits.add(v);
            String o = "visit:" + n;
            String enterprise = site;
            queue(o, "POST", () -> "/api/v1/visits", () -> visit(v, enterprise), false);
            queue(o, "POST", () -> "/api/v1/visits/" + v + "/check-in",
                    () -> Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 10, "GPS"), true);
            if (n < 2) {
                queue(o, "photo:" + n, "POST", () -> "/api/v1/visits/" + v + "/photos",
                        () -> Map.of("contentType", "image/jpeg", "sizeBytes", photo.length), false);
                queue(o, "photo:" + n, "POST", () -> "/api/v1/photos/" + values.get("photo:" + n) + "/confirm",
                        () -> Map.of("sha256", sha), false);
            }
            String i = UUID.randomUUID().toString();
            issues.add(i);
            queue("issue:" + n, "POST", () -> "/api/v1/issues", () -> issue(i, enterprise, v, "走访发现问题 " + n), false);
            queue(o, "POST", () -> "/api/v1/visits/" + v + "/check-out",
                    () -> Map.of("deviceTime", TestClock.now().toString()), true);
            queue(o, "POST", () -> "/api/v1/visits/" + v + "/complete",
                    () -> Map.of("findings", "离线记录的走访情况 " + n), true);
            if (n < 2) {
                queue("issue:" + n, "POST", () -> "/api/v1/issues/" + i + "/forward",
                        () -> Map.of("leadDepartmentId", economy), true);
            }
        }
        // A fourth visit planned, then cancelled; two more issues without a visit.
        String cancelled = UUID.randomUUID().toString();
        visits.add(cancelled);
        queue("visit:3", "POST", () -> "/api/v1/visits", () -> visit(cancelled, site), false);
        queue("visit:3", "POST", () -> "/api/v1/visits/" + cancelled + "/cancel", () -> Map.of("reason", "企业临时停产"), true);
        for (int k = 3; k < 5; k++) {
            int n = k;
            String i = UUID.randomUUID().toString();
            issues.add(i);
            queue("issue:" + n, "POST", () -> "/api/v1/issues", () -> issue(i, site, null, "电话反映问题 " + n), false);
        }
        // An issue photo on the fourth issue.
        queue("issue:3", "photo:issue", "POST", () -> "/api/v1/issues/" + issues.get(3) + "/photos",
                () -> Map.of("contentType", "image/jpeg", "sizeBytes", photo.length), false);
        queue("issue:3", "photo:issue", "POST", () -> "/api/v1/photos/" + values.get("photo:issue") + "/confirm",
                () -> Map.of("sha256", sha), false);
        // Steps on objects from before: forward the earlier issue, cancel the planned visit, and a
        // follow-up visit naming the earlier issue.
        queue("issue:earlier", "POST", () -> "/api/v1/issues/" + earlierIssue + "/forward",
                () -> Map.of("leadDepartmentId", economy), true);
        queue("visit:planned", "POST", () -> "/api/v1/visits/" + plannedVisit + "/cancel",
                () -> Map.of("reason", "改期"), true);
        String followUp = UUID.randomUUID().toString();
        visits.add(followUp);
        queue("visit:follow-up", "POST", () -> "/api/v1/visits", () -> {
            Map<String, Object> m = visit(followUp, site);
            m.put("kind", "FOLLOW_UP");
            m.put("issueIds", List.of(earlierIssue));
            return m;
        }, false);
        assertEquals(30, queue.size());

        // Meanwhile, online: the desk forwards the earlier issue, and a colleague checks in the planned visit.
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy))
                .post("/api/v1/issues/" + earlierIssue + "/forward").then().statusCode(200);
        Visits.checkIn(LEADER_1, plannedVisit, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 10, "GPS"));

        // ---- the replay: chains interleaved, each chain in its own order ----
        Map<String, List<Write>> chains = new LinkedHashMap<>();
        queue.forEach(w -> chains.computeIfAbsent(w.lane(), k -> new ArrayList<>()).add(w));
        List<Write> order = new ArrayList<>();
        List<List<Write>> lanes = new ArrayList<>(chains.values());
        java.util.Collections.reverse(lanes); // the last made goes first
        for (int step = 0; order.size() < queue.size(); step++) {
            for (List<Write> lane : lanes) {
                if (step < lane.size()) {
                    order.add(lane.get(step));
                }
            }
        }
        // An issue found on a visit names the visit: creates of visits go before creates of issues.
        order.sort(java.util.Comparator.comparingInt(w -> dependencyRank(w)));

        Map<Write, Integer> outcome = new LinkedHashMap<>();
        int lostAnswers = 0;
        for (Write w : order) {
            Response r = send(w);
            if (lostAnswers < 2 && (w.path().get().endsWith("/complete") || w.path().get().equals("/api/v1/issues"))) {
                // The answer never reached the phone: it sends the same write again with the same key.
                lostAnswers++;
                Response again = send(w);
                assertEquals(r.statusCode(), again.statusCode(), "a retried write answers as the first did");
                assertEquals("true", again.header("Idempotent-Replayed"));
                r = again;
            }
            remember(w, r);
            if (r.statusCode() < 300 && w.path().get().endsWith("/photos")) {
                String photoId = r.jsonPath().getString("photo.id");
                values.put(w.object(), photoId);
                assertEquals(204, TestPhotos.upload(r.jsonPath(), photo));
            }
            outcome.put(w, r.statusCode());
        }
        assertEquals(2, lostAnswers);

        // Exactly the two steps on objects others changed failed, as predicted.
        List<String> failed = outcome.entrySet().stream().filter(e -> e.getValue() >= 300)
                .map(e -> e.getKey().object() + " " + e.getKey().path().get() + " → " + e.getValue()).toList();
        assertEquals(List.of("issue:earlier /api/v1/issues/" + earlierIssue + "/forward → 412",
                "visit:planned /api/v1/visits/" + plannedVisit + "/cancel → 412"), failed.stream().sorted().toList());

        // Every write sent once more (a phone that lost its queue's progress): nothing changes.
        for (Write w : order) {
            if (outcome.get(w) < 300) {
                Response r = send(w);
                assertEquals((int) outcome.get(w), r.statusCode(), w.path().get());
            }
        }

        // The final state: every visit and issue once, in the state the day left it.
        for (int n = 0; n < 3; n++) {
            as(OFFICIAL_1).get("/api/v1/visits/" + visits.get(n)).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.is("COMPLETED"));
        }
        as(OFFICIAL_1).get("/api/v1/visits/" + cancelled).then().body("status", org.hamcrest.Matchers.is("CANCELLED"));
        as(OFFICIAL_1).get("/api/v1/visits/" + followUp).then().body("kind", org.hamcrest.Matchers.is("FOLLOW_UP"));
        as(OFFICIAL_1).get("/api/v1/visits/" + plannedVisit).then().body("status", org.hamcrest.Matchers.is("CHECKED_IN"));
        for (String i : issues) {
            as(OFFICIAL_1).get("/api/v1/issues/" + i).then().statusCode(200);
        }
        List<String> mine = as(OFFICIAL_1).queryParam("enterpriseId", site).queryParam("limit", 100)
                .get("/api/v1/issues").then().statusCode(200).extract().jsonPath().getList("items.title");
        for (int n = 0; n < 5; n++) {
            String title = n < 3 ? "走访发现问题 " + n : "电话反映问题 " + n;
            assertEquals(1, mine.stream().filter(title::equals).count(), title);
        }
        as(OFFICIAL_1).get("/api/v1/issues/" + issues.get(0)).then().body("status", org.hamcrest.Matchers.is("FORWARDED"));
        as(OFFICIAL_1).get("/api/v1/visits/" + visits.get(0) + "/photos").then().body("size()", org.hamcrest.Matchers.is(1));
        as(OFFICIAL_1).get("/api/v1/issues/" + issues.get(3) + "/photos").then().body("size()", org.hamcrest.Matchers.is(1));
    }

    /** Creates before the steps that need them exist: visits, then issues, then the rest (stable otherwise). */
    private static int dependencyRank(Write w) {
        String path = w.path().get();
        if (path.equals("/api/v1/visits")) {
            return 0;
        }
        if (path.equals("/api/v1/issues")) {
            return 1;
        }
        return 2;
    }
}
