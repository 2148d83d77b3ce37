package cn.zoufang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every action, by every role, in every state. What the workflow allows must succeed (each tried on a
 * fresh issue in that state); everything else must answer 409 INVALID_TRANSITION, or 404 where the
 * issue is outside the caller's scope, and change nothing.
 */
@QuarkusTest
class IssueStateMachineTest extends ApiTest {

    enum State { REGISTERED, FORWARDED, RETURNED, IN_PROGRESS, RESPONDED, SATISFIED, CLOSED }

    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("official", OFFICIAL_1);
        ROLES.put("leader", LEADER_1);
        ROLES.put("department", DEPARTMENT);
        ROLES.put("desk", DESK);
        ROLES.put("office", OFFICE);
        ROLES.put("contact", CONTACT_1);
        ROLES.put("admin", ADMIN);
    }

    private static final List<State> OPEN_BEFORE_ANSWER = List.of(State.REGISTERED, State.FORWARDED, State.RETURNED,
            State.IN_PROGRESS);

    /** The workflow's rules, written out independently of the code under test. */
    private static Set<String> allowed() {
        Set<String> a = new HashSet<>();
        for (String r : List.of("desk", "office", "official", "leader")) {
            a.add(r + "|forward|REGISTERED");
            a.add(r + "|forward|RETURNED");
            a.add(r + "|close-out|SATISFIED");
        }
        a.add("department|accept|FORWARDED");
        a.add("department|return|FORWARDED");
        a.add("department|respond|IN_PROGRESS");
        a.add("department|extension-request|FORWARDED");
        a.add("department|extension-request|IN_PROGRESS");
        a.add("contact|confirm|RESPONDED");
        for (State s : OPEN_BEFORE_ANSWER) {
            a.add("contact|withdraw|" + s);
            a.add("desk|duplicate|" + s);
            a.add("office|duplicate|" + s);
        }
        for (State s : State.values()) {
            if (s != State.CLOSED) {
                a.add("office|supervise|" + s);
            }
        }
        return a;
    }

    /** Outside the department's scope: before it was forwarded there, and after it returned it. */
    private static boolean outOfScope(String role, State state) {
        return role.equals("department") && (state == State.REGISTERED || state == State.RETURNED);
    }

    private String economy;
    private String enterprise;
    private String original;

    private Map<String, Map<String, Object>> bodies() {
        Map<String, Map<String, Object>> b = new LinkedHashMap<>();
        b.put("forward", Map.of("leadDepartmentId", economy));
        b.put("accept", Map.of());
        b.put("return", Map.of("reason", "不属本单位职责"));
        b.put("respond", Map.of("response", "已办理", "resolution", "RESOLVED"));
        b.put("confirm", Map.of("satisfied", true, "rating", 5));
        b.put("close-out", Map.of());
        b.put("withdraw", Map.of());
        b.put("extension-request", Map.of("workingDays", 2, "reason", "需要协调"));
        b.put("extension-decision", Map.of("approved", true));
        b.put("supervise", Map.of("note", "请加快办理"));
        b.put("duplicate", Map.of("originalId", original));
        b.put("close-without-confirmation", Map.of("reason", "企业未回复"));
        return b;
    }

    /** A fresh issue of 欧菲光 brought to {@code state} by the usual hands. */
    private String build(State state) {
        String id = IssueFlowTest.register(CONTACT_1, enterprise, "状态机：" + state);
        long v = 0;
        if (state == State.REGISTERED) {
            return id;
        }
        IssueFlowTest.act(DESK, id, "forward", v++, Map.of("leadDepartmentId", economy)).statusCode(200);
        if (state == State.FORWARDED) {
            return id;
        }
        if (state == State.RETURNED) {
            IssueFlowTest.act(DEPARTMENT, id, "return", v, Map.of("reason", "退回")).statusCode(200);
            return id;
        }
        IssueFlowTest.act(DEPARTMENT, id, "accept", v++, Map.of()).statusCode(200);
        if (state == State.IN_PROGRESS) {
            return id;
        }
        IssueFlowTest.act(DEPARTMENT, id, "respond", v++, Map.of("response", "已办理", "resolution", "RESOLVED"))
                .statusCode(200);
        if (state == State.RESPONDED) {
            return id;
        }
        IssueFlowTest.act(CONTACT_1, id, "confirm", v++, Map.of("satisfied", true, "rating", 5)).statusCode(200);
        if (state == State.SATISFIED) {
            return id;
        }
        IssueFlowTest.act(DESK, id, "close-out", v, Map.of()).statusCode(200);
        return id;
    }

    @Test
    void everyRoleEveryActionEveryState() {
        economy = Fixtures.departmentId("区经发局");
        enterprise = Visits.enterpriseId("欧菲光");
        original = IssueFlowTest.register(CONTACT_1, enterprise, "状态机：原诉求");
        Set<String> allowed = allowed();
        Map<String, Map<String, Object>> bodies = bodies();
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (State state : State.values()) {
            String id = build(state);
            var before = as(DESK).get("/api/v1/issues/" + id).then().extract().jsonPath();
            long version = before.getLong("version");
            int events = as(DESK).get("/api/v1/issues/" + id + "/timeline").then().extract().path("size()");
            for (var role : ROLES.entrySet()) {
                for (var action : bodies.entrySet()) {
                    String key = role.getKey() + "|" + action.getKey() + "|" + state;
                    tried++;
                    if (allowed.contains(key)) {
                        // Done on its own fresh issue, so that this one stays in its state for the rest.
                        String fresh = build(state);
                        long v = IssueFlowTest.version(fresh);
                        int status = IssueFlowTest.act(role.getValue(), fresh, action.getKey(), v, action.getValue())
                                .extract().statusCode();
                        if (status != 200) {
                            wrong.add(key + " allowed but answered " + status);
                        }
                        continue;
                    }
                    var answer = IssueFlowTest.act(role.getValue(), id, action.getKey(), version, action.getValue())
                            .extract();
                    int expected = outOfScope(role.getKey(), state) ? 404 : 409;
                    String code = answer.path("code");
                    if (answer.statusCode() != expected
                            || (expected == 409 && !"INVALID_TRANSITION".equals(code))) {
                        wrong.add(key + " forbidden but answered " + answer.statusCode() + " " + code);
                    }
                }
            }
            var after = as(DESK).get("/api/v1/issues/" + id).then().extract().jsonPath();
            assertEquals(version, after.getLong("version"), state + ": a refused action changed the issue");
            assertEquals(before.getString("status"), after.getString("status"));
            assertEquals(events, (int) as(DESK).get("/api/v1/issues/" + id + "/timeline").then().extract().path("size()"),
                    state + ": a refused action left an event");
        }
        assertEquals(7 * 7 * 12, tried);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
