package cn.zoufang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.zoufang.ledger.IssueWorkflow.Guard;
import cn.zoufang.ledger.IssueWorkflow.Party;
import cn.zoufang.ledger.IssueWorkflow.Rule;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every step of {@link IssueWorkflow}, by every role, in every state, over HTTP. What the table allows
 * (from this state, for this caller's part, its guards holding on a fresh issue) must succeed, each tried on
 * a fresh issue in that state; everything else must answer 409 INVALID_TRANSITION, or 404 where the issue is
 * outside the caller's scope, and change nothing. A step added to the table without a request body here, or
 * an action without a row, fails the test.
 */
@QuarkusTest
class IssueStateMachineTest extends ApiTest {

    /** The roles tried, each with what it is to the issues built here (null: no part at all). */
    private record Role(String phone, Party party) {
    }

    /** Guards that hold on a freshly built issue; the others are tried where they are tested one by one. */
    private static final Set<Guard> HOLD_WHEN_FRESH = EnumSet.of(Guard.RETURN_WINDOW, Guard.FIRST_RETURN,
            Guard.BEFORE_DEADLINE, Guard.NO_PENDING_EXTENSION, Guard.OPINION_NOT_FILED);

    private String economy;
    private String housing;
    private String enterprise;
    private String original;
    private Map<String, Role> roles;

    private Map<IssueAction, Map<String, Object>> bodies() {
        Map<IssueAction, Map<String, Object>> b = new LinkedHashMap<>();
        b.put(IssueAction.FORWARD, Map.of("leadDepartmentId", economy, "assistingDepartmentIds", List.of(housing)));
        b.put(IssueAction.ACCEPT, Map.of());
        b.put(IssueAction.RETURN, Map.of("reason", "不属本单位职责"));
        b.put(IssueAction.INTERIM_REPLY, Map.of("text", "已联系相关部门，正在协调"));
        b.put(IssueAction.ASSIST_OPINION, Map.of("opinion", "同意牵头单位意见"));
        b.put(IssueAction.PAUSE, Map.of("reason", "请提供用地红线图"));
        b.put(IssueAction.RESUME, Map.of("note", "已提供"));
        b.put(IssueAction.RESPOND, Map.of("response", "已办理", "resolution", "RESOLVED"));
        b.put(IssueAction.RELEASE, Map.of());
        b.put(IssueAction.SEND_BACK, Map.of("comment", "请写明办理时限"));
        b.put(IssueAction.CONFIRM, Map.of("satisfied", true, "rating", 5));
        b.put(IssueAction.CLOSE_OUT, Map.of());
        b.put(IssueAction.WITHDRAW, Map.of());
        b.put(IssueAction.REQUEST_EXTENSION, Map.of("workingDays", 2, "reason", "需要协调"));
        b.put(IssueAction.DECIDE_EXTENSION, Map.of("approved", true));
        b.put(IssueAction.SUPERVISE, Map.of("note", "请加快办理"));
        b.put(IssueAction.MARK_DUPLICATE, Map.of("originalId", original));
        b.put(IssueAction.CLOSE_WITHOUT_CONFIRMATION, Map.of("reason", "企业未回复"));
        return b;
    }

    /**
     * A fresh issue of 欧菲光 brought to {@code state} by the usual hands: the enterprise's own, except the
     * answer awaiting release, which is the desk's (its answers go through the desk by default).
     */
    private String build(IssueStatus state) {
        String id = IssueFlowTest.register(state == IssueStatus.AWAITING_RELEASE ? DESK : CONTACT_1, enterprise,
                "状态机：" + state);
        if (state == IssueStatus.REGISTERED) {
            return id;
        }
        long v = 0;
        act(DESK, id, IssueAction.FORWARD, v++);
        if (state == IssueStatus.FORWARDED) {
            return id;
        }
        if (state == IssueStatus.RETURNED) {
            act(DEPARTMENT, id, IssueAction.RETURN, v);
            return id;
        }
        act(DEPARTMENT, id, IssueAction.ACCEPT, v++);
        if (state == IssueStatus.IN_PROGRESS) {
            return id;
        }
        if (state == IssueStatus.WAITING_FOR_ENTERPRISE) {
            act(DEPARTMENT, id, IssueAction.PAUSE, v);
            return id;
        }
        act(DEPARTMENT, id, IssueAction.RESPOND, v++);
        if (state == IssueStatus.AWAITING_RELEASE || state == IssueStatus.RESPONDED) {
            return id;
        }
        act(CONTACT_1, id, IssueAction.CONFIRM, v++);
        if (state == IssueStatus.SATISFIED) {
            return id;
        }
        act(DESK, id, IssueAction.CLOSE_OUT, v);
        return id;
    }

    private void act(String phone, String id, IssueAction action, long version) {
        IssueFlowTest.act(phone, id, IssueWorkflow.rule(action).path(), version, bodies().get(action)).statusCode(200);
    }

    /** The departments see an issue only while it is forwarded to them: not before, nor after a return. */
    private static boolean outOfScope(Role role, IssueStatus state) {
        return (role.party() == Party.LEAD || role.party() == Party.ASSISTING)
                && (state == IssueStatus.REGISTERED || state == IssueStatus.RETURNED);
    }

    private static boolean allowed(Rule rule, Role role, IssueStatus state) {
        return rule.from().contains(state) && role.party() != null && rule.parties().contains(role.party())
                && HOLD_WHEN_FRESH.containsAll(rule.guards());
    }

    @Test
    void everyActionHasARowAndEveryRowABody() {
        economy = Fixtures.departmentId("区经发局");
        housing = economy;
        original = economy;
        Set<IssueAction> covered = EnumSet.copyOf(IssueWorkflow.NOT_STEPS);
        IssueWorkflow.rules().forEach(r -> covered.add(r.action()));
        assertEquals(EnumSet.allOf(IssueAction.class), covered, "an action is neither a step of the table nor an event");
        assertEquals(bodies().keySet(), Set.copyOf(IssueWorkflow.rules().stream().map(Rule::action).toList()),
                "every step of the table is tried here with a body");
        for (Rule r : IssueWorkflow.rules()) {
            assertTrue(!r.from().isEmpty() && !r.to().isEmpty() && !r.parties().isEmpty(), r.toString());
        }
    }

    @Test
    void everyRoleEveryActionEveryState() {
        economy = Fixtures.departmentId("区经发局");
        housing = Fixtures.departmentId("区住建局");
        enterprise = Visits.enterpriseId("欧菲光");
        original = IssueFlowTest.register(CONTACT_1, enterprise, "状态机：原诉求");
        String assisting = People.create(List.of("DEPARTMENT_HANDLER"), housing, null).phone();
        roles = new LinkedHashMap<>();
        roles.put("official", new Role(OFFICIAL_1, Party.GROUP));
        roles.put("leader", new Role(LEADER_1, Party.GROUP));
        roles.put("lead department", new Role(DEPARTMENT, Party.LEAD));
        roles.put("assisting department", new Role(assisting, Party.ASSISTING));
        roles.put("desk", new Role(DESK, Party.DESK));
        roles.put("office", new Role(OFFICE, Party.OFFICE));
        roles.put("contact", new Role(CONTACT_1, Party.CONTACT));
        roles.put("admin", new Role(ADMIN, null));
        Map<IssueAction, Map<String, Object>> bodies = bodies();
        List<String> wrong = new ArrayList<>();
        Map<Boolean, Integer> tried = new HashMap<>();
        for (IssueStatus state : IssueStatus.values()) {
            String id = build(state);
            var before = as(DESK).get("/api/v1/issues/" + id).then().extract().jsonPath();
            assertEquals(state.name(), before.getString("status"), "built in the wrong state");
            long version = before.getLong("version");
            int events = as(DESK).get("/api/v1/issues/" + id + "/timeline").then().extract().path("size()");
            for (var role : roles.entrySet()) {
                // What a page would offer this caller is exactly what the table allows them here.
                var offered = as(role.getValue().phone()).get("/api/v1/issues/" + id + "/steps").then().extract();
                if (outOfScope(role.getValue(), state)) {
                    if (offered.statusCode() != 404) {
                        wrong.add(role.getKey() + " | steps | " + state + " out of scope but answered " + offered.statusCode());
                    }
                } else {
                    Set<String> expected = new java.util.TreeSet<>();
                    IssueWorkflow.rules().stream().filter(r -> allowed(r, role.getValue(), state))
                            .forEach(r -> expected.add(r.path()));
                    Set<String> got = new java.util.TreeSet<>(offered.jsonPath().getList("path", String.class));
                    if (!expected.equals(got)) {
                        wrong.add(role.getKey() + " | steps | " + state + " offered " + got + ", the table allows " + expected);
                    }
                }
                for (Rule rule : IssueWorkflow.rules()) {
                    String key = role.getKey() + " | " + rule.path() + " | " + state;
                    boolean allowed = allowed(rule, role.getValue(), state);
                    tried.merge(allowed, 1, Integer::sum);
                    if (allowed) {
                        // Done on its own fresh issue, so that this one stays in its state for the rest.
                        String fresh = build(state);
                        var answer = IssueFlowTest.act(role.getValue().phone(), fresh, rule.path(),
                                IssueFlowTest.version(fresh), bodies.get(rule.action())).extract();
                        String after = answer.path("status");
                        if (answer.statusCode() != 200) {
                            wrong.add(key + " allowed but answered " + answer.statusCode() + " " + answer.path("code"));
                        } else if (!rule.to().contains(IssueStatus.valueOf(after))) {
                            wrong.add(key + " led to " + after + ", not to " + rule.to());
                        }
                        continue;
                    }
                    var answer = IssueFlowTest.act(role.getValue().phone(), id, rule.path(), version,
                            bodies.get(rule.action())).extract();
                    int expected = outOfScope(role.getValue(), state) ? 404 : 409;
                    String code = answer.path("code");
                    if (answer.statusCode() != expected || (expected == 409 && !"INVALID_TRANSITION".equals(code))) {
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
        assertEquals(IssueStatus.values().length * roles.size() * IssueWorkflow.rules().size(),
                tried.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(tried.getOrDefault(true, 0) > 30, "the table allows too little to be tried: " + tried);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
