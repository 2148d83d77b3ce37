package cn.zoufang.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.ledger.Issue;
import cn.zoufang.ledger.IssueService;
import cn.zoufang.notify.InboxResource.InboxItem;
import cn.zoufang.notify.Notification;
import cn.zoufang.sync.SyncCursor.Position;
import cn.zoufang.sync.SyncDtos.SyncPage;
import cn.zoufang.sync.SyncDtos.SyncedIssue;
import cn.zoufang.visit.Visit;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Dates;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Delta sync: what changed in the caller's scope since the cursor, kind by kind in the order of the
 * database's change time, up to the start of the oldest transaction still running (so a change that
 * commits late is sent late, never skipped). At the start of each round after the first, what entered
 * the caller's scope without changing itself (a new assignment, joining a group) is sent, and what
 * left it (a reassignment, leaving a group, a returned issue) is named for removal.
 */
@ApplicationScoped
@WithSession
public class SyncService {

    /** How long a cursor stays good: removals are remembered this long. */
    static final Duration MAX_AGE = Duration.ofDays(90);

    private final Scope scope;
    private final EnterpriseService enterprises;
    private final VisitService visits;
    private final IssueService issues;
    private volatile byte[] key;

    public SyncService(Scope scope, EnterpriseService enterprises, VisitService visits, IssueService issues) {
        this.scope = scope;
        this.enterprises = enterprises;
        this.visits = visits;
        this.issues = issues;
    }

    public Uni<SyncPage> sync(Caller caller, String rawCursor, int limit) {
        return key().flatMap(k -> {
            SyncCursor cursor = rawCursor == null || rawCursor.isBlank() ? SyncCursor.start(caller.id())
                    : SyncCursor.decode(rawCursor, k, caller.id());
            if (cursor.since() != null && cursor.since().isBefore(OffsetDateTime.now().minus(MAX_AGE))) {
                throw new ApiException(ErrorCode.SYNC_CURSOR_EXPIRED, "同步游标已超过 90 天，请不带游标重新同步");
            }
            return until().flatMap(until -> page(caller, cursor, until, limit, k));
        });
    }

    private Uni<SyncPage> page(Caller caller, SyncCursor cursor, OffsetDateTime until, int limit, byte[] k) {
        Changes<Enterprise> e = new Changes<>(cursor.enterprises(), x -> x.syncAt, x -> x.id, limit);
        Changes<Visit> v = new Changes<>(cursor.visits(), x -> x.syncAt, x -> x.id, limit);
        Changes<Issue> i = new Changes<>(cursor.issues(), x -> x.syncAt, x -> x.id, limit);
        Changes<Notification> n = new Changes<>(cursor.notifications(), x -> x.syncAt, x -> x.id, limit);
        boolean scopeRound = cursor.since() != null && !cursor.scopeSent();
        ScopeChanges changes = new ScopeChanges();
        return changed(Enterprise.class, "e", scope.enterprises(caller, "e"), e, until)
                .chain(() -> changed(Visit.class, "v", scope.visits(caller, "v"), v, until))
                .chain(() -> changed(Issue.class, "i", scope.issues(caller, "i"), i, until))
                .chain(() -> changed(Notification.class, "n", new Scope.Clause("n.accountId = :me",
                        Map.of("me", caller.id())), n, until))
                .chain(() -> scopeRound ? scopeChanges(caller, cursor.since(), changes) : Uni.createFrom().voidItem())
                .chain(() -> {
                    List<Enterprise> allEnterprises = new ArrayList<>(changes.entered);
                    allEnterprises.addAll(e.rows());
                    List<Visit> allVisits = new ArrayList<>(changes.enteredVisits);
                    allVisits.addAll(v.rows());
                    List<Issue> allIssues = new ArrayList<>(changes.enteredIssues);
                    allIssues.addAll(i.rows());
                    return enterprises.views(caller, allEnterprises).flatMap(ev -> visits.views(caller, allVisits)
                            .flatMap(vv -> issues.views(caller, allIssues).flatMap(iv ->
                                    issues.timelines(caller, allIssues.stream().map(x -> x.id).distinct().toList())
                                            .map(timelines -> {
                                                boolean more = e.more() || v.more() || i.more() || n.more();
                                                SyncCursor next = new SyncCursor(e.position(), v.position(), i.position(),
                                                        n.position(), more ? cursor.since() : until, more && (scopeRound
                                                                || cursor.scopeSent()), caller.id());
                                                return new SyncPage(next.encode(k), more, cursor.since() == null,
                                                        OffsetDateTime.now(Dates.ZONE), ev, List.copyOf(changes.removed),
                                                        vv, iv.stream().map(x -> new SyncedIssue(x, timelines.get(x.id())))
                                                                .toList(),
                                                        List.copyOf(changes.removedIssues),
                                                        n.rows().stream().map(InboxItem::of).toList());
                                            }))));
                });
    }

    /** One kind's rows after the cursor's position, in change order; one more than a page tells there is more. */
    private static final class Changes<T> {
        final Position from;
        final Function<T, OffsetDateTime> at;
        final Function<T, UUID> id;
        final int limit;
        List<T> found = List.of();

        Changes(Position from, Function<T, OffsetDateTime> at, Function<T, UUID> id, int limit) {
            this.from = from;
            this.at = at;
            this.id = id;
            this.limit = limit;
        }

        List<T> rows() {
            return found.size() > limit ? found.subList(0, limit) : found;
        }

        boolean more() {
            return found.size() > limit;
        }

        Position position() {
            List<T> rows = rows();
            if (rows.isEmpty()) {
                return from;
            }
            T last = rows.get(rows.size() - 1);
            return new Position(at.apply(last), id.apply(last));
        }
    }

    private static <T extends PanacheEntityBase> Uni<Void> changed(Class<T> type, String alias, Scope.Clause visible,
            Changes<T> changes, OffsetDateTime until) {
        Map<String, Object> params = visible.into(new HashMap<>());
        StringBuilder hql = new StringBuilder("from " + type.getSimpleName() + " " + alias + " where " + visible.hql()
                + " and " + alias + ".syncAt < :until");
        params.put("until", until);
        if (changes.from != null) {
            hql.append(" and (").append(alias).append(".syncAt > :at or (").append(alias).append(".syncAt = :at and ")
                    .append(alias).append(".id > :id))");
            params.put("at", changes.from.at());
            params.put("id", changes.from.id());
        }
        hql.append(" order by ").append(alias).append(".syncAt, ").append(alias).append(".id");
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql.toString(), type);
            params.forEach(q::setParameter);
            return q.setMaxResults(changes.limit + 1).getResultList();
        }).invoke(rows -> changes.found = rows).replaceWithVoid();
    }

    // ---- what entered and left the caller's scope since the last round ----------------------------

    private static final class ScopeChanges {
        final List<Enterprise> entered = new ArrayList<>();
        final List<Visit> enteredVisits = new ArrayList<>();
        final List<Issue> enteredIssues = new ArrayList<>();
        final Set<UUID> removed = new HashSet<>();
        final Set<UUID> removedIssues = new HashSet<>();
    }

    private Uni<Void> scopeChanges(Caller caller, OffsetDateTime since, ScopeChanges out) {
        LocalDate today = Dates.today();
        LocalDate sinceDay = since.atZoneSameInstant(Dates.ZONE).toLocalDate();
        Uni<Void> groups = Uni.createFrom().voidItem();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            groups = ids("""
                    select distinct a.enterprise_id from assignment a join group_member m on m.group_id = a.group_id
                    where m.account_id = :me and a.start_date <= :today and (a.end_date is null or a.end_date >= :today)
                      and (a.sync_at >= :since or a.start_date > :sinceDay or m.added_at >= :since)""",
                    Map.of("me", caller.id(), "today", today, "since", since, "sinceDay", sinceDay))
                    .flatMap(entered -> entered.isEmpty() ? Uni.createFrom().voidItem()
                            : inScope(caller, entered).flatMap(visible -> Enterprise.<Enterprise>list("id in ?1", visible)
                                    .invoke(out.entered::addAll)
                                    .chain(() -> {
                                        Scope.Clause vs = scope.visits(caller, "v");
                                        Map<String, Object> p = vs.into(new HashMap<>());
                                        p.put("ids", visible);
                                        return Visit.<Visit>list("from Visit v where v.enterpriseId in :ids and " + vs.hql(), p);
                                    }).invoke(out.enteredVisits::addAll)
                                    .chain(() -> {
                                        Scope.Clause is = scope.issues(caller, "i");
                                        Map<String, Object> p = is.into(new HashMap<>());
                                        p.put("ids", visible);
                                        return Issue.<Issue>list("from Issue i where i.enterpriseId in :ids and " + is.hql(), p);
                                    }).invoke(out.enteredIssues::addAll).replaceWithVoid()))
                    // Left: assignments of my groups (or of groups I left) changed or ended since, no longer in scope.
                    // A union, not an "or": each half is read through its group's index instead of every assignment.
                    .chain(() -> ids("""
                            select a.enterprise_id from assignment a join group_member m on m.group_id = a.group_id
                            where m.account_id = :me
                              and (a.sync_at >= :since or (a.end_date >= :dayBefore and a.end_date < :today))
                            union
                            select a.enterprise_id from assignment a join group_member_removed r on r.group_id = a.group_id
                            where r.account_id = :me and r.removed_at >= :since
                              and (a.end_date is null or a.end_date >= :dayBefore)""",
                            Map.of("me", caller.id(), "today", today, "since", since, "dayBefore", sinceDay.minusDays(1))))
                    .flatMap(candidates -> candidates.isEmpty() ? Uni.createFrom().voidItem()
                            : inScope(caller, candidates).invoke(visible -> candidates.stream()
                                    .filter(id -> !visible.contains(id)).forEach(out.removed::add)).replaceWithVoid());
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            groups = groups.chain(() -> ids("""
                    select r.issue_id from issue_return r join account acc on acc.department_id = r.department_id
                    where acc.id = :me and r.returned_at >= :since""", Map.of("me", caller.id(), "since", since)))
                    .flatMap(returned -> {
                        if (returned.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        Scope.Clause is = scope.issues(caller, "i");
                        Map<String, Object> p = is.into(new HashMap<>());
                        p.put("ids", returned);
                        return Panache.getSession().flatMap(s -> {
                            var q = s.createSelectionQuery("select i.id from Issue i where i.id in :ids and " + is.hql(),
                                    UUID.class);
                            p.forEach(q::setParameter);
                            return q.getResultList();
                        }).invoke(still -> returned.stream().filter(id -> !still.contains(id))
                                .forEach(out.removedIssues::add)).replaceWithVoid();
                    });
        }
        return groups;
    }

    /** Those of {@code ids} the caller sees now. */
    private Uni<List<UUID>> inScope(Caller caller, List<UUID> ids) {
        Scope.Clause visible = scope.enterprises(caller, "e");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("ids", ids);
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery("select e.id from Enterprise e where e.id in :ids and " + visible.hql(), UUID.class);
            params.forEach(q::setParameter);
            return q.getResultList();
        });
    }

    private static Uni<List<UUID>> ids(String sql, Map<String, Object> params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql, UUID.class);
            params.forEach(q::setParameter);
            return q.getResultList();
        });
    }

    // ---- the database's side -------------------------------------------------------------------

    /**
     * Changes are read up to the start of the oldest transaction still running elsewhere: every row it
     * touches is stamped later than that, so nothing older can still appear.
     */
    private static Uni<OffsetDateTime> until() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select least(clock_timestamp(), coalesce((select min(xact_start) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid()
                          and backend_type = 'client backend' and xact_start is not null), 'infinity'))""",
                OffsetDateTime.class).getSingleResult());
    }

    private Uni<byte[]> key() {
        if (key != null) {
            return Uni.createFrom().item(key);
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select secret from sync_key where id = 1", String.class)
                .getSingleResult()).map(secret -> key = SyncCursor.key(secret));
    }
}
