package cn.zoufang.sync;

import java.time.Clock;
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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.indicator.IndicatorService;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Issue;
import cn.zoufang.ledger.IssueViews;
import cn.zoufang.notify.InboxResource.InboxItem;
import cn.zoufang.notify.Notification;
import cn.zoufang.sync.SyncCursor.Position;
import cn.zoufang.sync.SyncDtos.HistoryPage;
import cn.zoufang.sync.SyncDtos.SyncPage;
import cn.zoufang.sync.SyncDtos.SyncedIssue;
import cn.zoufang.visit.Visit;
import cn.zoufang.visit.VisitDtos.VisitView;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.NativeSelect;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * Delta sync: what changed in the caller's scope since the cursor, kind by kind in the order of the
 * database's change time, up to the start of the oldest transaction still running (so a change that
 * commits late is sent late, never skipped). At the start of each round after the first, what entered
 * the caller's scope without changing itself (a new assignment, joining a group) is sent, and what
 * left it (a reassignment, leaving a group, a returned issue) is named for removal.
 */
@ApplicationScoped
public class SyncService {

    /** How long a cursor stays good: removals are remembered this long. */
    static final Duration MAX_AGE = Duration.ofDays(90);

    private final Scope scope;
    private final EnterpriseService enterprises;
    private final VisitService visits;
    private final IssueViews issues;
    private final IndicatorService indicators;
    private final NativeSelect db;
    private final SyncConfig config;
    private volatile byte[] key;

    private final Clock clock;

    public SyncService(Scope scope, EnterpriseService enterprises, VisitService visits, IssueViews issues,
            IndicatorService indicators, NativeSelect db, SyncConfig config, Clock clock) {
        this.config = config;
        this.indicators = indicators;
        this.clock = clock;
        this.scope = scope;
        this.enterprises = enterprises;
        this.visits = visits;
        this.issues = issues;
        this.db = db;
    }

    public Uni<SyncPage> sync(Caller caller, String rawCursor, int limit) {
        return key().flatMap(k -> {
            SyncCursor cursor = rawCursor == null || rawCursor.isBlank() ? SyncCursor.start(caller.id())
                    : SyncCursor.decode(rawCursor, k, caller.id());
            // The cursor's age on the database's clock, which stamped it (see until()).
            return until().flatMap(until -> {
                if (cursor.since() != null && cursor.since().isBefore(until.minus(MAX_AGE))) {
                    throw new ApiException(ErrorCode.SYNC_CURSOR_EXPIRED, "同步游标已超过 90 天，请不带游标重新同步");
                }
                return page(caller, cursor, until, limit, k);
            });
        });
    }

    private Uni<SyncPage> page(Caller caller, SyncCursor cursor, OffsetDateTime until, int limit, byte[] k) {
        // A kind of which nothing was ever sent starts, after the first round, where that round ended: what
        // is older was not visible then, and what enters the scope without changing is the scope round's
        // part (for the other kinds too). Without this floor, a department that leads no issue yet read
        // the whole issue index on every round to find none (0.4 s on the generated zone).
        Position floor = cursor.since() == null ? null : new Position(cursor.since(), new UUID(0, 0));
        // A snapshot leaves history out (every page of it the same), so that a first sync stays small however
        // long the program runs; the app fetches an enterprise's history when it is opened.
        LocalDate before = cursor.since() != null ? null
                : cursor.historyBefore() != null ? cursor.historyBefore() : historyBefore();
        Round round = new Round(
                new Kind<>(Enterprise.class, "e", scope.enterprises(caller, "e"), or(cursor.enterprises(), floor),
                        x -> x.syncAt, x -> x.id, limit),
                new Kind<>(Visit.class, "v", History.VISITS.recentOnly(scope.visits(caller, "v"), before),
                        or(cursor.visits(), floor), x -> x.syncAt, x -> x.id, limit),
                new Kind<>(Issue.class, "i", History.ISSUES.recentOnly(scope.issues(caller, "i"), before),
                        or(cursor.issues(), floor), x -> x.syncAt, x -> x.id, limit),
                new Kind<>(Notification.class, "n", History.NOTIFICATIONS.recentOnly(
                        new Scope.Clause("n.accountId = :me", Map.of("me", caller.id())), before),
                        or(cursor.notifications(), floor), x -> x.syncAt, x -> x.id, limit),
                before);
        if (cursor.since() == null) {
            // The first round is a snapshot: read it.
            return Panache.withSession(() -> read(caller, cursor, until, round, false, k));
        }
        boolean scopeRound = !cursor.scopeSent();
        // Most rounds find nothing new (a phone asks every few minutes and on every resume): two questions
        // settle that, instead of a query per kind and two for the scope. A "yes" may be a false alarm
        // (something changed that the caller cannot see); a "no" is certain, so nothing is ever skipped.
        // The cursor's key, the snapshot bound and the scope's question go through the pool before the
        // session opens (an open session holds a connection: see NativeSelect).
        Uni<Boolean> scopeMoved = scopeRound ? scopeMayHaveChanged(caller, Since.of(cursor)) : Uni.createFrom().item(false);
        return scopeMoved.flatMap(moved -> Panache.withSession(() ->
                (moved ? Uni.createFrom().item(true) : anyChanged(round, until))
                        .flatMap(changed -> changed ? read(caller, cursor, until, round, scopeRound, k)
                                : Uni.createFrom().item(round.page(caller, cursor, until, new ScopeChanges(), List.of(),
                                        List.of(), List.of(), List.of(), k, serverTime())))));
    }

    private Uni<SyncPage> read(Caller caller, SyncCursor cursor, OffsetDateTime until, Round round, boolean scopeRound,
            byte[] k) {
        ScopeChanges changes = new ScopeChanges();
        return changed(round.e(), until)
                .chain(() -> changed(round.v(), until))
                .chain(() -> changed(round.i(), until))
                .chain(() -> changed(round.n(), until))
                .chain(() -> scopeRound ? scopeChanges(caller, Since.of(cursor), changes) : Uni.createFrom().voidItem())
                .chain(() -> {
                    List<Enterprise> allEnterprises = new ArrayList<>(changes.entered);
                    allEnterprises.addAll(round.e().rows());
                    List<Visit> allVisits = new ArrayList<>(changes.enteredVisits);
                    allVisits.addAll(round.v().rows());
                    List<Issue> allIssues = new ArrayList<>(changes.enteredIssues);
                    allIssues.addAll(round.i().rows());
                    return enterprises.views(caller, allEnterprises).flatMap(ev -> figures(caller, allEnterprises)
                            .flatMap(fv -> visits.views(caller, allVisits)
                            .flatMap(vv -> issues.views(caller, allIssues).flatMap(iv ->
                                    issues.timelines(caller, allIssues.stream().map(x -> x.id).distinct().toList())
                                            .map(timelines -> round.page(caller, cursor, until, changes, ev, fv, vv,
                                                    iv.stream().map(x -> new SyncedIssue(x, timelines.get(x.id())))
                                                            .toList(), k, serverTime()))))));
                });
    }

    /**
     * An enterprise's history before {@code before} (by default the day a snapshot made now would start at):
     * its finished visits planned before it and its issues closed before it, as the caller may see them, each
     * kind newest first and at most {@code limit} a page, with the issues' timelines. An enterprise out of the
     * caller's scope is as missing.
     */
    public Uni<HistoryPage> history(Caller caller, UUID enterpriseId, LocalDate before, String rawCursor, int limit) {
        LocalDate day = before != null ? before : historyBefore();
        // Where each kind stands: the last (date, id) sent, empty before the first page, DONE after the last.
        Cursor at = Cursor.decode(rawCursor, 4);
        String[] keys = at == null ? new String[] { "", "", "", "" } : at.keys().toArray(String[]::new);
        return Panache.withSession(() -> inScope(caller, List.of(enterpriseId)).flatMap(visible -> {
            if (visible.isEmpty()) {
                throw ApiException.notFound("企业");
            }
            boolean visitsFrom = !keys[0].isEmpty();
            boolean issuesFrom = !keys[2].isEmpty();
            Uni<List<Visit>> older = DONE.equals(keys[0]) ? Uni.createFrom().item(List.of())
                    : older(Visit.class, "v", History.VISITS.historyOnly(scope.visits(caller, "v"), day), "plannedDate",
                            enterpriseId, visitsFrom ? at.date(0) : null, visitsFrom ? at.uuid(1) : null, limit);
            return older.flatMap(vs -> (DONE.equals(keys[2]) ? Uni.createFrom().item(List.<Issue>of())
                    : older(Issue.class, "i", History.ISSUES.historyOnly(scope.issues(caller, "i"), day), "closedAt",
                            enterpriseId, issuesFrom ? at.time(2) : null, issuesFrom ? at.uuid(3) : null, limit))
                    .flatMap(is -> {
                        List<Visit> vPage = vs.size() > limit ? vs.subList(0, limit) : vs;
                        List<Issue> iPage = is.size() > limit ? is.subList(0, limit) : is;
                        String[] next = keys.clone();
                        if (!DONE.equals(keys[0])) {
                            Visit last = vPage.isEmpty() ? null : vPage.get(vPage.size() - 1);
                            next[0] = vs.size() > limit ? last.plannedDate.toString() : DONE;
                            next[1] = vs.size() > limit ? last.id.toString() : "";
                        }
                        if (!DONE.equals(keys[2])) {
                            Issue last = iPage.isEmpty() ? null : iPage.get(iPage.size() - 1);
                            next[2] = is.size() > limit ? last.closedAt.toString() : DONE;
                            next[3] = is.size() > limit ? last.id.toString() : "";
                        }
                        String cursor = DONE.equals(next[0]) && DONE.equals(next[2]) ? null : Cursor.of(next).encode();
                        return visits.views(caller, vPage).flatMap(vv -> issues.views(caller, iPage)
                                .flatMap(iv -> issues.timelines(caller, iPage.stream().map(x -> x.id).toList())
                                        .map(timelines -> new HistoryPage(enterpriseId, day, vv,
                                                iv.stream().map(x -> new SyncedIssue(x, timelines.get(x.id()))).toList(),
                                                cursor))));
                    }));
        }));
    }

    private static final String DONE = "~";

    /**
     * One kind's history of the enterprise, newest first by {@code date} then id, after the position
     * ({@code afterDate}, {@code afterId}; none for the first page).
     */
    private static <T> Uni<List<T>> older(Class<T> type, String alias, Scope.Clause old, String date, UUID enterpriseId,
            Object afterDate, UUID afterId, int limit) {
        Map<String, Object> params = old.into(new HashMap<>());
        params.put("eid", enterpriseId);
        String a = alias;
        StringBuilder hql = new StringBuilder("from " + type.getSimpleName() + " " + a + " where " + a
                + ".enterpriseId = :eid and " + old.hql());
        if (afterDate != null) {
            hql.append(" and (%s.%s < :atDate or (%s.%s = :atDate and %s.id < :atId))".formatted(a, date, a, date, a));
            params.put("atDate", afterDate);
            params.put("atId", afterId);
        }
        hql.append(" order by %s.%s desc, %s.id desc".formatted(a, date, a));
        return list(hql.toString(), type, params, limit + 1);
    }

    private static <T> Uni<List<T>> list(String hql, Class<T> type, Map<String, Object> params, int max) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, type);
            params.forEach(q::setParameter);
            return q.setMaxResults(max).getResultList();
        });
    }

    /**
     * The last twelve months' figures of the enterprises sent, for callers who read figures (one query). A new
     * figure touches its enterprise (IndicatorService), so it comes again with its figures.
     */
    private Uni<List<EnterpriseIndicators>> figures(Caller caller, List<Enterprise> sent) {
        if (sent.isEmpty() || !IndicatorService.seesFigures(caller)) {
            return Uni.createFrom().item(List.of());
        }
        IndicatorService.Window window = IndicatorService.Window.of(null, null, Dates.thisMonth(clock));
        List<UUID> ids = sent.stream().map(e -> e.id).distinct().toList();
        return indicators.history(ids, window).map(rows -> ids.stream()
                .map(id -> indicators.view(id, window, rows.getOrDefault(id, List.of()))).toList());
    }

    private OffsetDateTime serverTime() {
        return Dates.inChina(Dates.now(clock));
    }

    private static Position or(Position position, Position floor) {
        return position != null ? position : floor;
    }

    /** The first day a snapshot made now carries in full. */
    private LocalDate historyBefore() {
        return Dates.today(clock).minusMonths(config.historyMonths());
    }

    /**
     * The four kinds of object a round reads, each from its own position; a snapshot's pages leave out what is
     * older than {@code before}.
     */
    private record Round(Kind<Enterprise> e, Kind<Visit> v, Kind<Issue> i, Kind<Notification> n, LocalDate before) {

        List<Kind<?>> all() {
            return List.of(e, v, i, n);
        }

        SyncPage page(Caller caller, SyncCursor cursor, OffsetDateTime until, ScopeChanges changes,
                List<EnterpriseView> ev, List<EnterpriseIndicators> fv, List<VisitView> vv, List<SyncedIssue> iv, byte[] k,
                OffsetDateTime serverTime) {
            boolean more = all().stream().anyMatch(Kind::more);
            boolean scopeRound = cursor.since() != null && !cursor.scopeSent();
            boolean snapshot = cursor.since() == null;
            // A finished snapshot sent everything it meant to before {@code until}: the next round starts there for
            // every kind (the floor), not after the last object sent — else history changed since the last one
            // would come in the first delta.
            boolean snapshotDone = snapshot && !more;
            SyncCursor next = new SyncCursor(snapshotDone ? null : e.position(), snapshotDone ? null : v.position(),
                    snapshotDone ? null : i.position(), snapshotDone ? null : n.position(),
                    more ? cursor.since() : until, more ? cursor.sinceDay() : Dates.dayOf(serverTime),
                    more && (scopeRound || cursor.scopeSent()), caller.id(), more && snapshot ? before : null);
            return new SyncPage(next.encode(k), more, snapshot, serverTime, ev, fv,
                    List.copyOf(changes.removed), vv, iv, List.copyOf(changes.removedIssues),
                    n.rows().stream().map(InboxItem::of).toList(), snapshot ? before : null);
        }
    }

    /** One kind's rows after the cursor's position, in change order; one more than a page tells there is more. */
    private static final class Kind<T extends PanacheEntityBase> {
        final Class<T> type;
        final String alias;
        final Scope.Clause visible;
        final Position from;
        final Function<T, OffsetDateTime> at;
        final Function<T, UUID> id;
        final int limit;
        List<T> found = List.of();

        Kind(Class<T> type, String alias, Scope.Clause visible, Position from, Function<T, OffsetDateTime> at,
                Function<T, UUID> id, int limit) {
            this.type = type;
            this.alias = alias;
            this.visible = visible;
            this.from = from;
            this.at = at;
            this.id = id;
            this.limit = limit;
        }

        /** HQL: this kind's visible rows changed after the position and before {@code until}. */
        String changes(Map<String, Object> params, OffsetDateTime until) {
            visible.into(params);
            params.put("until", until);
            StringBuilder hql = new StringBuilder("from " + type.getSimpleName() + " " + alias + " where " + visible.hql()
                    + " and " + alias + ".syncAt < :until");
            if (from != null) {
                // "After (at, id)", written as a range on syncAt with both ends: PostgreSQL keeps a generic plan
                // for a statement the client has prepared five times, and only a two-sided range makes that
                // plan read the change index (an "a > x or (a = x and ...)" one scans the table: 200 ms, not
                // 0.2 ms). Each kind has its own position, so its parameters carry its alias.
                String a = alias;
                hql.append(" and %s.syncAt >= :%sAt and (%s.syncAt > :%sAt or %s.id > :%sId)".formatted(a, a, a, a, a, a));
                params.put(a + "At", from.at());
                params.put(a + "Id", from.id());
            }
            return hql.toString();
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

    private static <T extends PanacheEntityBase> Uni<Void> changed(Kind<T> kind, OffsetDateTime until) {
        Map<String, Object> params = new HashMap<>();
        String hql = kind.changes(params, until) + " order by " + kind.alias + ".syncAt, " + kind.alias + ".id";
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, kind.type);
            params.forEach(q::setParameter);
            // Read-only: a page's audit row (contact phones sent) commits, and that flush would dirty-check them all.
            return q.setMaxResults(kind.limit + 1).setReadOnly(true).getResultList();
        }).invoke(rows -> kind.found = rows).replaceWithVoid();
    }

    /** Whether any kind has a visible change in this round: one query, each kind answered by its change index. */
    private static Uni<Boolean> anyChanged(Round round, OffsetDateTime until) {
        Map<String, Object> params = new HashMap<>();
        String hql = "select case when " + round.all().stream()
                .map(kind -> "exists (select 1 " + kind.changes(params, until) + ")")
                .collect(Collectors.joining(" or ")) + " then true else false end";
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, Boolean.class);
            params.forEach(q::setParameter);
            return q.getSingleResult();
        });
    }

    // ---- what entered and left the caller's scope since the last round ----------------------------

    private static final class ScopeChanges {
        final List<Enterprise> entered = new ArrayList<>();
        final List<Visit> enteredVisits = new ArrayList<>();
        final List<Issue> enteredIssues = new ArrayList<>();
        final Set<UUID> removed = new HashSet<>();
        final Set<UUID> removedIssues = new HashSet<>();
    }

    /** SQL with its parameters. */
    private record Sql(String text, Map<String, Object> params) {
    }

    /**
     * The end of the last complete round: its time on the database's clock (changes are stamped by it) and its
     * day on the service's (assignments are dated by it). A cursor made before the day was kept takes the
     * day of its time.
     */
    private record Since(OffsetDateTime at, LocalDate day) {
        static Since of(SyncCursor c) {
            return new Since(c.since(), c.sinceDay() != null ? c.sinceDay() : Dates.dayOf(c.since()));
        }
    }

    /** Enterprises whose assignment to one of my groups began or changed since, or whose group I joined. */
    private Sql entered(Caller caller, Since since) {
        return new Sql("""
                select distinct a.enterprise_id from assignment a join group_member m on m.group_id = a.group_id
                where m.account_id = :me and a.start_date <= :today and (a.end_date is null or a.end_date >= :today)
                  and (a.sync_at >= :since or a.start_date > :sinceDay or m.added_at >= :since)""",
                Map.of("me", caller.id(), "today", Dates.today(clock), "since", since.at(), "sinceDay", since.day()));
    }

    /**
     * Enterprises that may have left: assignments of my groups (or of groups I left) changed or ended since.
     * A union, not an "or": each half is read through its group's index instead of every assignment.
     */
    private Sql left(Caller caller, Since since) {
        return new Sql("""
                select a.enterprise_id from assignment a join group_member m on m.group_id = a.group_id
                where m.account_id = :me
                  and (a.sync_at >= :since or (a.end_date >= :dayBefore and a.end_date < :today))
                union
                select a.enterprise_id from assignment a join group_member_removed r on r.group_id = a.group_id
                where r.account_id = :me and r.removed_at >= :since
                  and (a.end_date is null or a.end_date >= :dayBefore)""",
                Map.of("me", caller.id(), "today", Dates.today(clock), "since", since.at(), "dayBefore", since.day().minusDays(1)));
    }

    /** Issues my department returned since (they may have left its scope). */
    private static Sql returned(Caller caller, Since since) {
        return new Sql("""
                select r.issue_id from issue_return r join account acc on acc.department_id = r.department_id
                where acc.id = :me and r.returned_at >= :since""", Map.of("me", caller.id(), "since", since.at()));
    }

    /** The scope round's candidate queries for the caller's roles. */
    private List<Sql> candidates(Caller caller, Since since) {
        List<Sql> all = new ArrayList<>();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            all.add(entered(caller, since));
            all.add(left(caller, since));
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            all.add(returned(caller, since));
        }
        return all;
    }

    /** Whether the scope round could find anything: any candidate at all, in one query. */
    private Uni<Boolean> scopeMayHaveChanged(Caller caller, Since since) {
        List<Sql> all = candidates(caller, since);
        if (all.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Map<String, Object> params = new HashMap<>();
        all.forEach(part -> params.putAll(part.params()));
        String text = "select " + all.stream().map(part -> "exists (" + part.text() + ")").collect(Collectors.joining(" or "));
        return db.single(text, params, Boolean.class);
    }

    private Uni<Void> scopeChanges(Caller caller, Since since, ScopeChanges out) {
        Uni<Void> groups = Uni.createFrom().voidItem();
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            groups = ids(entered(caller, since))
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
                    .chain(() -> ids(left(caller, since)))
                    .flatMap(candidates -> candidates.isEmpty() ? Uni.createFrom().voidItem()
                            : inScope(caller, candidates).invoke(visible -> candidates.stream()
                                    .filter(id -> !visible.contains(id)).forEach(out.removed::add)).replaceWithVoid());
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            groups = groups.chain(() -> ids(returned(caller, since)))
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

    /** In the session (it holds a connection by now: taking a second one from the pool could deadlock it). */
    private static Uni<List<UUID>> ids(Sql sql) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql.text(), UUID.class);
            sql.params().forEach(q::setParameter);
            return q.getResultList();
        });
    }

    // ---- the database's side -------------------------------------------------------------------

    /**
     * Changes are read up to the start of the oldest transaction still running elsewhere: every row it
     * touches is stamped later than that, so nothing older can still appear.
     */
    private Uni<OffsetDateTime> until() {
        return db.single("""
                select least(clock_timestamp(), coalesce((select min(xact_start) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid()
                          and backend_type = 'client backend' and xact_start is not null), 'infinity'))""",
                Map.of(), OffsetDateTime.class);
    }

    private Uni<byte[]> key() {
        if (key != null) {
            return Uni.createFrom().item(key);
        }
        return db.single("select secret from sync_key where id = 1", Map.of(), String.class)
                .map(secret -> key = SyncCursor.key(secret));
    }
}
