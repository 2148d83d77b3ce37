package cn.zoufang.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;

/**
 * Who may see what, decided here and only here. Each method returns an HQL condition on an alias,
 * which every query for that kind of object includes; what is outside it simply is not found (404),
 * so ids cannot be probed. Later features add their objects' rules as further methods.
 */
@ApplicationScoped
public class Scope {

    private final Clock clock;

    public Scope(Clock clock) {
        this.clock = clock;
    }

    /** An HQL condition with its named parameters (all prefixed {@code scope}). */
    public record Clause(String hql, Map<String, Object> params) {

        static final Clause ALL = new Clause("1 = 1", Map.of());
        static final Clause NONE = new Clause("1 = 0", Map.of());

        /** Appends the parameters to {@code target}, for building a larger query. */
        public Map<String, Object> into(Map<String, Object> target) {
            target.putAll(params);
            return target;
        }
    }

    private static final String ACTIVE_ASSIGNMENT = "a.startDate <= :scopeToday and (a.endDate is null or a.endDate >= :scopeToday)";
    private static final String MY_GROUPS_ENTERPRISES = "(select a.enterpriseId from Assignment a, GroupMember m"
            + " where m.groupId = a.groupId and m.accountId = :scopeCaller and " + ACTIVE_ASSIGNMENT + ")";
    private static final String MY_ENTERPRISE = "(select acc.enterpriseId from Account acc where acc.id = :scopeCaller)";
    private static final String MY_DEPARTMENT = "(select acc.departmentId from Account acc where acc.id = :scopeCaller)";

    /** Enterprises: officials their groups' current ones, contacts their own, desk/office/departments/admin all. */
    public Clause enterprises(Caller caller, String e) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_DESK, Role.DEPARTMENT_HANDLER)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(e + ".id in " + MY_GROUPS_ENTERPRISES);
            params.put("scopeToday", Dates.today(clock));
        }
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            parts.add(e + ".id in " + MY_ENTERPRISE);
        }
        return combine(caller, parts, params);
    }

    /**
     * Ledger issues: the enterprise its own, officials those of their groups' enterprises, a department
     * those it leads or assists on and those its key projects raised, the desk, the office and the admin all.
     */
    public Clause issues(Caller caller, String i) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_DESK)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(i + ".enterpriseId in " + MY_GROUPS_ENTERPRISES);
            params.put("scopeToday", Dates.today(clock));
        }
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            parts.add(i + ".enterpriseId in " + MY_ENTERPRISE);
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            parts.add("(" + i + ".leadDepartmentId in " + MY_DEPARTMENT + " or " + i + ".id in (select x.issueId"
                    + " from IssueAssist x where x.departmentId in " + MY_DEPARTMENT + ") or " + i + ".projectId in"
                    + " (select p.id from KeyProject p where p.departmentId in " + MY_DEPARTMENT + "))");
        }
        return combine(caller, parts, params);
    }

    /**
     * Key projects: the responsible department its own, officials those of their groups' enterprises, the
     * office and the admin all.
     */
    public Clause projects(Caller caller, String p) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(p + ".enterpriseId in " + MY_GROUPS_ENTERPRISES);
            params.put("scopeToday", Dates.today(clock));
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            parts.add(p + ".departmentId in " + MY_DEPARTMENT);
        }
        return combine(caller, parts, params);
    }

    /**
     * Contests of figures: a group's officials and leader their groups', a department's handlers their unit's;
     * the office, the admin and 区巡查办 all.
     */
    public Clause figureContests(Caller caller, String c) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN, Role.INSPECTOR)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add("(" + c + ".dimension = cn.zoufang.report.Dimension.GROUP and " + c
                    + ".unitId in (select m.groupId from GroupMember m where m.accountId = :scopeCaller))");
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            parts.add("(" + c + ".dimension = cn.zoufang.report.Dimension.DEPARTMENT and " + c + ".unitId in " + MY_DEPARTMENT + ")");
        }
        return combine(caller, parts, new HashMap<>());
    }

    /** Groups: officials their own, a contact the group now assigned to its enterprise, the others all. */
    public Clause groups(Caller caller, String g) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_DESK, Role.DEPARTMENT_HANDLER)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(g + ".id in (select m.groupId from GroupMember m where m.accountId = :scopeCaller)");
        }
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            parts.add(g + ".id in (select a.groupId from Assignment a, Account acc where acc.id = :scopeCaller"
                    + " and a.enterpriseId = acc.enterpriseId and " + ACTIVE_ASSIGNMENT + ")");
            params.put("scopeToday", Dates.today(clock));
        }
        return combine(caller, parts, params);
    }

    /**
     * Visits: the group's officials and leader theirs, the office and admin all, an enterprise contact
     * those to its enterprise (as a summary only: see {@link #seesVisitDetail}).
     */
    public Clause visits(Caller caller, String v) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN)) {
            return Clause.ALL;
        }
        List<String> parts = new ArrayList<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(v + ".groupId in (select m.groupId from GroupMember m where m.accountId = :scopeCaller)");
        }
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            parts.add(v + ".enterpriseId in (select acc.enterpriseId from Account acc where acc.id = :scopeCaller)");
        }
        return combine(caller, parts, new HashMap<>());
    }

    /** Visits the caller may change: only those of its own groups. */
    public Clause visitWrites(Caller caller, String v) {
        if (!caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            return Clause.NONE;
        }
        return combine(caller, List.of(v + ".groupId in (select m.groupId from GroupMember m where m.accountId = :scopeCaller)"),
                new HashMap<>());
    }

    /** Notes, participants and positions of a visit: its group, the office and the admin; not the enterprise. */
    public boolean seesVisitDetail(Caller caller, boolean memberOfVisitGroup) {
        return memberOfVisitGroup || caller.hasAny(Role.OFFICE, Role.ADMIN);
    }

    /**
     * Whether the caller sees enterprise contact phones, in lists and details alike (the rest see them masked
     * and may ask for one number at a time, audited: {@code GET /enterprises/{id}/contact}).
     */
    public boolean seesContactPhones(Caller caller) {
        return caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER, Role.ENTERPRISE_DESK, Role.ENTERPRISE_CONTACT,
                Role.ADMIN);
    }

    private static Clause combine(Caller caller, List<String> parts, Map<String, Object> params) {
        if (parts.isEmpty()) {
            return Clause.NONE;
        }
        params.put("scopeCaller", caller.id());
        return new Clause("(" + String.join(" or ", parts) + ")", Map.copyOf(params));
    }
}
