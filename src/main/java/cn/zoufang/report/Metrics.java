package cn.zoufang.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.ObjLongConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.directory.IndustryChain;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Deadlines;
import cn.zoufang.report.Figures.Tally;
import cn.zoufang.report.PeriodFigures.Row;
import cn.zoufang.web.NativeSelect;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Computes a period's figures (a month, or a quarter, half-year or year: {@link Period}) by SQL aggregation,
 * one query per kind of fact, each grouped by every dimension at once ({@code grouping sets}). Every
 * definition is in the metric dictionary, with how it rolls up over a longer period.
 *
 * <p>A closed month is computed as of its end from history alone (server times, and what each issue
 * event recorded), so its figures never change afterwards: they are computed once and kept in
 * {@code period_figures}. The running month is computed live.
 */
@ApplicationScoped
public class Metrics {

    /** A month is taken as closed this long after its end, when no transaction of its last second runs. */
    static final Duration SETTLE = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    /** Readers of the running month keep it warm this long after their last read. */
    static final Duration KEEP_WARM = Duration.ofMinutes(15);

    private final MetricDictionary dictionary;
    private final ObjectMapper json;
    private final ReportConfig config;
    private final Map<Period, PeriodFigures> live = new ConcurrentHashMap<>();
    /** Taken as read at start, so that a new replica computes the running month before its first reader. */
    private volatile Instant lastLiveRead;

    private final Clock clock;

    public Metrics(MetricDictionary dictionary, ObjectMapper json, ReportConfig config, Clock clock) {
        this.clock = clock;
        this.dictionary = dictionary;
        this.json = json;
        this.config = config;
        this.lastLiveRead = clock.instant();
    }

    /** The month's figures: kept ones for a closed month, computed live for the running one. */
    @WithSession
    public Uni<PeriodFigures> month(YearMonth month) {
        return period(Period.of(month));
    }

    /**
     * A period's figures, computed over the whole period from history (never from its months' figures, so
     * rates come from their parts and medians from the period's own rows): kept once it is closed.
     */
    @WithSession
    public Uni<PeriodFigures> period(Period period) {
        OffsetDateTime end = period.end();
        OffsetDateTime now = Dates.now(clock);
        if (!now.isAfter(period.start())) {
            return compute(period, period.start());
        }
        if (!settled(period)) {
            return running(period, now);
        }
        return kept(period).flatMap(found -> found != null ? Uni.createFrom().item(found)
                : compute(period, end).call(this::keep));
    }

    /**
     * A running period, computed at most every {@code live-max-age} per replica: at the scale of a large
     * zone a month's computation takes about a second, too long for every dashboard read.
     */
    private Uni<PeriodFigures> running(Period period, OffsetDateTime now) {
        lastLiveRead = clock.instant();
        PeriodFigures cached = live.get(period);
        if (cached != null && Dates.fresh(cached.asOf(), config.liveMaxAge(), now)) {
            return Uni.createFrom().item(cached);
        }
        return compute(period, now).invoke(f -> {
            live.values().removeIf(old -> !Dates.fresh(old.asOf(), config.liveMaxAge(), now));
            live.put(period, f);
        });
    }

    /** Recomputes the running month ahead of its readers while someone has read it lately. */
    @Scheduled(every = "${zoufang.report.live-refresh-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> keepWarm() {
        if (clock.instant().isAfter(lastLiveRead.plus(KEEP_WARM))) {
            return Uni.createFrom().voidItem();
        }
        Period month = Period.of(Dates.thisMonth(clock));
        return compute(month, Dates.now(clock)).invoke(f -> live.put(month, f)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Could not refresh the running month's figures", e))
                .onFailure().recoverWithNull();
    }

    /** The same as {@link #month} for each month, oldest first: the kept ones read in one query. */
    @WithSession
    public Uni<List<PeriodFigures>> months(List<YearMonth> months) {
        List<Period> periods = months.stream().map(Period::of).toList();
        return kept(periods.stream().filter(this::settled).toList()).flatMap(kept -> {
            Uni<List<PeriodFigures>> all = Uni.createFrom().item(new ArrayList<>());
            for (Period p : periods) {
                PeriodFigures found = kept.get(p.toString());
                all = all.flatMap(list -> (found != null ? Uni.createFrom().item(found) : period(p)).map(f -> {
                    list.add(f);
                    return list;
                }));
            }
            return all;
        });
    }

    /** Those of the periods that are kept, by name (one query). */
    private Uni<Map<String, PeriodFigures>> kept(List<Period> periods) {
        if (periods.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select figures from period_figures where period in (:p) and dictionary_version = :v", String.class)
                .setParameter("p", periods.stream().map(Period::toString).toList())
                .setParameter("v", dictionary.version()).getResultList())
                .map(rows -> rows.stream().map(this::read).collect(java.util.stream.Collectors.toMap(PeriodFigures::period, f -> f)));
    }

    /** Whether a period has ended and settled: its figures are final, computed once and kept. */
    boolean settled(Period period) {
        return !Dates.now(clock).isBefore(period.end().plus(SETTLE));
    }

    /** Computes a settled period's figures and keeps them ({@link PeriodsAhead}: ahead of their readers). */
    Uni<Void> computeAndKeep(Period period) {
        return compute(period, period.end()).call(this::keep).replaceWithVoid();
    }

    /** The periods kept for this dictionary, by name. */
    Uni<Set<String>> keptNames() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select period from period_figures where dictionary_version = :v", String.class)
                .setParameter("v", dictionary.version()).getResultList())
                .map(Set::copyOf);
    }

    private Uni<PeriodFigures> kept(Period period) {
        return kept(List.of(period)).map(found -> found.get(period.toString()));
    }

    private Uni<Void> keep(PeriodFigures figures) {
        // Two replicas may compute the same period at once: the figures are the same, the first one stays.
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into period_figures (period, dictionary_version, figures, computed_at)
                values (:p, :v, :f, now()) on conflict do nothing""")
                .setParameter("p", figures.period()).setParameter("v", figures.dictionaryVersion())
                .setParameter("f", write(figures)).executeUpdate())).replaceWithVoid();
    }

    // ---- the computation ------------------------------------------------------------------------

    /** What a counted row is: the unit a figure counts, and the column of a query's facts that holds it. */
    enum Unit {
        VISIT("f.visit_id"), ENTERPRISE("f.ent"), ISSUE("f.issue_id"), EVENT("f.event_id");

        final String column;

        Unit(String column) {
            this.column = column;
        }
    }

    /**
     * A figure counted from a query's facts: the rows passing {@code filter}, each {@code unit} once when
     * {@code distinct} (else every row, whose unit is then unique). The same definition makes the figure and
     * lists the rows behind it ({@link #rows}), so the two cannot disagree. A metric counted by two queries
     * (answersDue) is their sum. Names not in {@link Figures} are parts of its rates, means and medians.
     */
    record Count(String metric, String filter, Unit unit, boolean distinct, ObjLongConsumer<Tally> add) {
    }

    /**
     * One query: its facts, the counts over them, and any other aggregates after the counts. {@code officials}
     * is the join that gives each fact its officials ({@code o.o}), for the queries counted per official.
     */
    private record Query(String name, String facts, List<Count> counts, String others, BiConsumer<Tally, Object[]> into,
            String officials) {

        Query(String name, String facts, List<Count> counts, String others, BiConsumer<Tally, Object[]> into) {
            this(name, facts, counts, others, into, null);
        }

        Query by(String officialsJoin) {
            return new Query(name, facts, counts, others, into, officialsJoin);
        }

        String sql() {
            return grouped(facts, aggregates());
        }

        /** The same counts per official, one row each: the official, then the aggregates. */
        String officialSql() {
            return "with f as (" + facts + ") select o.o, " + aggregates() + " from f " + officials + " group by o.o";
        }

        private String aggregates() {
            List<String> aggregates = new ArrayList<>();
            for (Count c : counts) {
                aggregates.add((c.distinct() ? "count(distinct " + c.unit().column + ")" : "count(*)")
                        + " filter (where " + c.filter() + ")");
            }
            if (!others.isEmpty()) {
                aggregates.add(others);
            }
            return String.join(",\n", aggregates);
        }

        void add(Tally t, Object[] values) {
            for (int i = 0; i < counts.size(); i++) {
                counts.get(i).add().accept(t, n(values[i]));
            }
            if (into != null) {
                Object[] rest = new Object[values.length - counts.size()];
                System.arraycopy(values, counts.size(), rest, 0, rest.length);
                into.accept(t, rest);
            }
        }
    }

    private static Count count(String metric, String filter, Unit unit, ObjLongConsumer<Tally> add) {
        return new Count(metric, filter, unit, false, add);
    }

    private static Count distinct(String metric, String filter, Unit unit, ObjLongConsumer<Tally> add) {
        return new Count(metric, filter, unit, true, add);
    }

    /** The parameters every query of a period binds (each uses the names it needs). */
    private static Map<String, Object> params(Period period, OffsetDateTime asOf) {
        boolean complete = !asOf.isBefore(period.end());
        // The day the cut-off falls in: an answer due before it is late.
        LocalDate cutoffDay = complete ? period.lastDay().plusDays(1) : Dates.dayOf(asOf);
        LocalDate lastDay = complete ? period.lastDay() : cutoffDay;
        Map<String, Object> params = new HashMap<>();
        params.put("start", period.start());
        params.put("asOf", asOf);
        params.put("firstDay", period.firstDay());
        params.put("lastDay", period.lastDay());
        params.put("cutoffDay", cutoffDay);
        params.put("assignedOn", lastDay);
        return params;
    }

    static List<Query> queries(boolean complete) {
        return List.of(visits(), visitRatings(), coverage(), registered(), events(), answersDue(), state(complete));
    }

    /** A visit is each of its officials': whoever planned it and everyone who took part. */
    private static final String VISIT_OFFICIALS = """
            cross join lateral (select v.created_by o from visit v where v.id = f.visit_id
                                union select p.account_id from visit_participant p where p.visit_id = f.visit_id) o""";

    /**
     * The queries counted per official (the dictionary's OFFICIAL dimension): visits and their ratings for each
     * official of the visit, issues for whoever registered them.
     */
    static final List<Query> OFFICIAL_QUERIES = List.of(visits().by(VISIT_OFFICIALS), visitRatings().by(VISIT_OFFICIALS),
            registered().by("cross join lateral (select f.r o) o"));

    Uni<PeriodFigures> compute(Period period, OffsetDateTime asOf) {
        boolean complete = !asOf.isBefore(period.end());
        Map<String, Object> params = params(period, asOf);
        Map<Dimension, Map<String, Tally>> tallies = new EnumMap<>(Dimension.class);
        Uni<Void> run = Uni.createFrom().voidItem();
        for (Query q : queries(complete)) {
            run = run.chain(() -> timed(q.name(), period, rows(q.sql(), params)).invoke(rows -> {
                for (Object[] r : rows) {
                    Dimension dim = Dimension.valueOf((String) r[0]);
                    String key = r[1] == null ? (dim == Dimension.CHAIN ? "NONE" : null) : r[1].toString();
                    if (key == null && dim != Dimension.ZONE) {
                        continue; // not yet forwarded, or an enterprise without a group: counted in the zone only
                    }
                    Object[] values = new Object[r.length - 2];
                    System.arraycopy(r, 2, values, 0, values.length);
                    q.add(tallies.computeIfAbsent(dim, d -> new HashMap<>())
                            .computeIfAbsent(key == null ? "" : key, k -> new Tally()), values);
                }
            }).replaceWithVoid());
        }
        // Returns by department are the returning department's, which the issue no longer names.
        run = run.chain(() -> rows(RETURNS_BY_DEPARTMENT + " group by department_id",
                Map.of("start", params.get("start"), "asOf", asOf)).invoke(rows -> {
                    Map<String, Tally> departments = tallies.computeIfAbsent(Dimension.DEPARTMENT, d -> new HashMap<>());
                    departments.values().forEach(t -> t.returns = 0);
                    for (Object[] r : rows) {
                        departments.computeIfAbsent(r[0].toString(), k -> new Tally()).returns = n(r[1]);
                    }
                }).replaceWithVoid());
        return run.chain(() -> names()).map(names -> assemble(period, asOf, complete, tallies, names));
    }

    /** Returns in the period by the department that returned (the issue names its new department since). */
    private static final String RETURNS_BY_DEPARTMENT = """
            select department_id, count(*) from issue_return where returned_at >= :start and returned_at < :asOf""";

    private static String grouped(String facts, String aggregates) {
        return "with f as (" + facts + """
                ) select case when grouping(f.g) = 0 then 'GROUP' when grouping(f.d) = 0 then 'DEPARTMENT'
                              when grouping(f.c) = 0 then 'CHAIN' when grouping(f.t) = 0 then 'TOWN' else 'ZONE' end,
                         coalesce(f.g::text, f.d::text, f.c, f.t),
                """ + aggregates + " from f group by grouping sets ((f.g), (f.d), (f.c), (f.t), ())";
    }

    private static Query visits() {
        return new Query("visits", """
                select v.id visit_id, v.group_id g, null::uuid d, e.industry_chain c, e.town t, v.kind,
                       v.check_in_verdict verdict, v.enterprise_confirmed_at is not null confirmed
                from visit v join enterprise e on e.id = v.enterprise_id
                where v.status = 'COMPLETED' and v.completed_at >= :start and v.completed_at < :asOf""", List.of(
                count("visitsCompleted", "true", Unit.VISIT, (t, n) -> t.visitsCompleted = n),
                count("visitsRegular", "f.kind = 'REGULAR'", Unit.VISIT, (t, n) -> t.visitsRegular = n),
                count("visitsFollowUp", "f.kind = 'FOLLOW_UP'", Unit.VISIT, (t, n) -> t.visitsFollowUp = n),
                count("visitsOnSite", "f.verdict = 'ON_SITE'", Unit.VISIT, (t, n) -> t.visitsOnSite = n),
                count("visitsConfirmed", "f.confirmed", Unit.VISIT, (t, n) -> t.visitsConfirmed = n)), "", null);
    }

    /** Ratings given in the period, to whichever visit, counted for the visit's group. */
    private static Query visitRatings() {
        return new Query("visitRatings", """
                select v.id visit_id, v.group_id g, null::uuid d, e.industry_chain c, e.town t, r.score
                from visit_rating r join visit v on v.id = r.visit_id join enterprise e on e.id = v.enterprise_id
                where r.rated_at >= :start and r.rated_at < :asOf""", List.of(
                count("visitRatings", "true", Unit.VISIT, (t, n) -> t.visitRatings = n)),
                "coalesce(sum(f.score), 0)", (t, r) -> t.visitRatingSum = n(r[0]));
    }

    private static Query coverage() {
        return new Query("coverage", """
                select a.group_id g, null::uuid d, e.industry_chain c, e.town t, a.enterprise_id ent,
                       exists (select 1 from visit v where v.enterprise_id = a.enterprise_id and v.group_id = a.group_id
                               and v.status = 'COMPLETED' and v.completed_at >= :start and v.completed_at < :asOf) visited
                from assignment a join enterprise e on e.id = a.enterprise_id
                where a.start_date <= :assignedOn and (a.end_date is null or a.end_date >= :assignedOn)""", List.of(
                distinct("enterprisesAssigned", "true", Unit.ENTERPRISE, (t, n) -> t.enterprisesAssigned = n),
                distinct("enterprisesVisited", "f.visited", Unit.ENTERPRISE, (t, n) -> t.enterprisesVisited = n)), "", null);
    }

    private static Query registered() {
        return new Query("registered", """
                select i.id issue_id, i.group_id g, i.lead_department_id d, e.industry_chain c, e.town t, i.source,
                       i.registered_by r
                from issue i join enterprise e on e.id = i.enterprise_id
                where i.created_at >= :start and i.created_at < :asOf""", List.of(
                count("issuesRegistered", "true", Unit.ISSUE, (t, n) -> t.issuesRegistered = n),
                count("registeredFromVisits", "f.source = 'VISIT'", Unit.ISSUE, (t, n) -> t.registeredFromVisits = n),
                count("registeredAtDesk", "f.source = 'DESK'", Unit.ISSUE, (t, n) -> t.registeredAtDesk = n),
                count("registeredByEnterprises", "f.source = 'ENTERPRISE'", Unit.ISSUE,
                        (t, n) -> t.registeredByEnterprises = n)), "", null);
    }

    private static String closed(String reason) {
        return "f.to_status = 'CLOSED' and f.close_reason = '" + reason + "'";
    }

    private static Query events() {
        return new Query("events", """
                select ev.id event_id, ev.issue_id, i.group_id g, i.lead_department_id d, e.industry_chain c, e.town t,
                       ev.action, ev.to_status, i.close_reason, ev.elapsed_working_days ewd, ev.rating, ev.satisfied,
                       ev.action = 'RESPOND' and exists (select 1 from issue_event r where r.issue_id = ev.issue_id
                           and r.action = 'CONFIRM' and r.id > ev.id and r.occurred_at < :asOf) rated,
                       case when ev.action in ('RELEASE', 'SEND_BACK') then extract(epoch from ev.occurred_at
                           - (select max(p.occurred_at) from issue_event p where p.issue_id = ev.issue_id
                              and p.action = 'RESPOND' and p.id < ev.id)) / 3600.0 end desk_hours,
                       ev.paused_working_days pwd
                from issue_event ev join issue i on i.id = ev.issue_id join enterprise e on e.id = i.enterprise_id
                where ev.occurred_at >= :start and ev.occurred_at < :asOf
                  and i.updated_at >= :start -- every step stamps the issue: lets the index find the issues of the period
                  and ev.action in ('FORWARD', 'RESPOND', 'REOPEN', 'SUPERVISE', 'RETURN', 'CONFIRM', 'CLOSE_OUT',
                                    'WITHDRAW', 'MARK_DUPLICATE', 'CLOSE_WITHOUT_CONFIRMATION', 'RELEASE',
                                    'SEND_BACK', 'PAUSE', 'RESUME')""", List.of(
                distinct("issuesForwarded", "f.action = 'FORWARD'", Unit.ISSUE, (t, n) -> t.issuesForwarded = n),
                distinct("issuesAnswered", "f.action = 'RESPOND'", Unit.ISSUE, (t, n) -> t.issuesAnswered = n),
                count("closedResolved", closed("RESOLVED"), Unit.EVENT, (t, n) -> t.closedResolved = n),
                count("closedExplained", closed("EXPLAINED"), Unit.EVENT, (t, n) -> t.closedExplained = n),
                count("closedDuplicate", closed("DUPLICATE"), Unit.EVENT, (t, n) -> t.closedDuplicate = n),
                count("closedWithdrawn", closed("WITHDRAWN"), Unit.EVENT, (t, n) -> t.closedWithdrawn = n),
                count("closedWithoutConfirmation", closed("CLOSED_WITHOUT_CONFIRMATION"), Unit.EVENT,
                        (t, n) -> t.closedWithoutConfirmation = n),
                distinct("issuesReopened", "f.action = 'REOPEN'", Unit.ISSUE, (t, n) -> t.issuesReopened = n),
                count("ratings", "f.action = 'CONFIRM'", Unit.EVENT, (t, n) -> t.ratings = n),
                count("satisfiedRatings", "f.action = 'CONFIRM' and f.satisfied", Unit.EVENT, (t, n) -> t.satisfiedRatings = n),
                count("answers", "f.action = 'RESPOND'", Unit.EVENT, (t, n) -> t.answers = n),
                count("answersRated", "f.rated", Unit.EVENT, (t, n) -> t.answersRated = n),
                distinct("issuesSupervised", "f.action = 'SUPERVISE'", Unit.ISSUE, (t, n) -> t.issuesSupervised = n),
                count("returns", "f.action = 'RETURN'", Unit.EVENT, (t, n) -> t.returns = n),
                count("deskReleases", "f.action = 'RELEASE'", Unit.EVENT, (t, n) -> t.deskReleases = n),
                count("deskSendBacks", "f.action = 'SEND_BACK'", Unit.EVENT, (t, n) -> t.deskSendBacks = n),
                distinct("issuesPaused", "f.action = 'PAUSE'", Unit.ISSUE, (t, n) -> t.issuesPaused = n),
                count("closedAnswered", "f.to_status = 'CLOSED' and f.close_reason in ('RESOLVED', 'EXPLAINED')",
                        Unit.EVENT, (t, n) -> { }),
                count("deskDecisions", "f.desk_hours is not null", Unit.EVENT, (t, n) -> { }),
                count("resumes", "f.action = 'RESUME'", Unit.EVENT, (t, n) -> { })), """
                percentile_cont(0.5) within group (order by f.ewd) filter (where f.action = 'RESPOND'),
                percentile_cont(0.5) within group (order by f.ewd)
                    filter (where f.to_status = 'CLOSED' and f.close_reason in ('RESOLVED', 'EXPLAINED')),
                coalesce(sum(f.rating) filter (where f.action = 'CONFIRM'), 0),
                percentile_cont(0.5) within group (order by f.desk_hours) filter (where f.desk_hours is not null),
                coalesce(sum(f.pwd) filter (where f.action = 'RESUME'), 0)""", (t, r) -> {
                    t.medianDaysToAnswer = d(r[0]);
                    t.medianDaysToClose = d(r[1]);
                    t.ratingSum = n(r[2]);
                    t.medianHoursAtDesk = r[3] == null ? null : Math.round(d(r[3]) * 10) / 10.0;
                    t.pausedWorkingDays = n(r[4]);
                });
    }

    /**
     * Answers given against a deadline in the period: on time when the department gave it on the deadline
     * day or before (a deadline moved by pauses is the one in force). An answer the desk sent back does not
     * count; one it released counts from when the department gave it.
     */
    private static Query answersDue() {
        return new Query("answersDue", """
                select ev.id event_id, ev.issue_id, i.group_id g, i.lead_department_id d, e.industry_chain c, e.town t,
                       (ev.occurred_at at time zone 'Asia/Shanghai')::date <= ev.due_date on_time,
                       exists (select 1 from issue_event r where r.issue_id = ev.issue_id and r.action = 'INTERIM_REPLY'
                               and r.id < ev.id and (r.occurred_at at time zone 'Asia/Shanghai')::date <= ev.due_date) interim
                from issue_event ev join issue i on i.id = ev.issue_id join enterprise e on e.id = i.enterprise_id
                where ev.action = 'RESPOND' and ev.due_date between :firstDay and :lastDay and ev.occurred_at < :asOf
                  and (select n.action from issue_event n where n.issue_id = ev.issue_id and n.id > ev.id
                       and n.action in ('RELEASE', 'SEND_BACK') and n.occurred_at < :asOf order by n.id limit 1)
                      is distinct from 'SEND_BACK'""", List.of(
                count("answersDue", "true", Unit.EVENT, (t, n) -> t.answersDue += n),
                count("answersOnTime", "f.on_time", Unit.EVENT, (t, n) -> t.answersOnTime += n),
                count("answersWithInterimReply", "f.interim", Unit.EVENT, (t, n) -> t.answersWithInterimReply = n)), "", null);
    }

    /**
     * Each issue open at {@code :asOf}, with the status and deadline it had then: its last event before it.
     * The figures count from it, and the lists behind them read it, so the two never disagree.
     */
    static final String STATE_AT = """
            select i.id, i.id issue_id, i.group_id g, i.lead_department_id d, e.industry_chain c, e.town t,
                   s.to_status status, s.due_date
            from issue i join enterprise e on e.id = i.enterprise_id
            cross join lateral (select ev.to_status, ev.due_date from issue_event ev
                                where ev.issue_id = i.id and ev.occurred_at < :asOf order by ev.id desc limit 1) s
            where i.created_at < :asOf and (i.closed_at is null or i.closed_at >= :asOf)""";

    /**
     * The issues open at the cut-off, in the state the cut-off saw them. For a closed period that state is
     * each issue's last event before its end; for the running one it is the issue's own. An answer due in
     * the period and still not given counts as due and late.
     */
    private static Query state(boolean complete) {
        String facts = complete ? STATE_AT : """
                select i.id issue_id, i.group_id g, i.lead_department_id d, e.industry_chain c, e.town t, i.status, i.due_date
                from issue i join enterprise e on e.id = i.enterprise_id
                where i.closed_at is null and i.created_at < :asOf""";
        String overdue = Deadlines.overdueSql("f", "cutoffDay");
        return new Query("state", facts, List.of(
                count("openAtMonthEnd", "true", Unit.ISSUE, (t, n) -> t.openAtMonthEnd = n),
                count("overdueAtMonthEnd", overdue, Unit.ISSUE, (t, n) -> t.overdueAtMonthEnd = n),
                count("answersDue", overdue + " and f.due_date >= :firstDay", Unit.ISSUE, (t, n) -> t.answersDue += n),
                count("waitingAtMonthEnd", "f.status = 'WAITING_FOR_ENTERPRISE'", Unit.ISSUE, (t, n) -> t.waitingAtMonthEnd = n)),
                "", null);
    }

    // ---- the rows behind a figure ---------------------------------------------------------------

    /**
     * A row a figure counts: a visit, an enterprise or an issue ({@code id}); for a figure of steps, also the
     * step ({@code eventId}).
     */
    public record CountedRow(Unit unit, UUID id, Long eventId) {
    }

    /** How each metric that is not a plain count reads its rows: a rate's denominator and numerator, a mean's or median's basis. */
    static final Map<String, String[]> PARTS = Map.ofEntries(
            Map.entry("confirmedShare", new String[] { "visitsCompleted", "visitsConfirmed" }),
            Map.entry("coverageRate", new String[] { "enterprisesAssigned", "enterprisesVisited" }),
            Map.entry("onTimeRate", new String[] { "answersDue", "answersOnTime" }),
            Map.entry("satisfiedShare", new String[] { "ratings", "satisfiedRatings" }),
            Map.entry("ratedShare", new String[] { "answers", "answersRated" }),
            Map.entry("meanVisitRating", new String[] { "visitRatings" }),
            Map.entry("meanRating", new String[] { "ratings" }),
            Map.entry("medianDaysToAnswer", new String[] { "answers" }),
            Map.entry("medianDaysToClose", new String[] { "closedAnswered" }),
            Map.entry("medianHoursAtDesk", new String[] { "deskDecisions" }),
            Map.entry("pausedWorkingDays", new String[] { "resumes" }));

    /**
     * The rows {@code metric} counts in one row of a period's figures ({@code key} of {@code dimension}), as of
     * the period's end (or now while it runs): exactly what the figure counts, by the same definition.
     */
    @WithSession
    public Uni<List<CountedRow>> rows(Period period, String metric, Dimension dimension, String key) {
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime asOf = now.isBefore(period.end()) ? now : period.end();
        boolean complete = !asOf.isBefore(period.end());
        Map<String, Object> params = params(period, asOf);
        String where = switch (dimension) {
            case GROUP -> "f.g = cast(:key as uuid)";
            case DEPARTMENT -> "f.d = cast(:key as uuid)";
            case CHAIN -> "NONE".equals(key) ? "f.c is null" : "f.c = :key";
            case TOWN -> "f.t = :key";
            case OFFICIAL -> "o.o = cast(:key as uuid)";
            case ZONE -> "true";
        };
        if (dimension != Dimension.ZONE) {
            params.put("key", key);
        }
        if ("returns".equals(metric) && dimension == Dimension.DEPARTMENT) {
            return rows("""
                    with f as (select r.issue_id, r.returned_at at, r.department_id d from issue_return r
                               where r.returned_at >= :start and r.returned_at < :asOf)
                    select f.issue_id, f.issue_id, f.at from f where f.d = cast(:key as uuid) order by f.at""", params)
                    .map(rs -> rs.stream().map(r -> new CountedRow(Unit.ISSUE, (UUID) r[0], null)).toList());
        }
        boolean official = dimension == Dimension.OFFICIAL;
        Uni<List<CountedRow>> all = Uni.createFrom().item(new ArrayList<>());
        for (Query q : official ? OFFICIAL_QUERIES : queries(complete)) {
            for (Count c : q.counts()) {
                if (!c.metric().equals(metric)) {
                    continue;
                }
                // A step counts its issue: the row names the issue, and the step.
                String columns = c.unit() == Unit.EVENT ? "f.issue_id, f.event_id" : c.unit().column + ", null::bigint";
                String sql = "with f as (" + q.facts() + ") select " + (c.distinct() ? "distinct " : "") + columns
                        + " from f " + (official ? q.officials() : "") + " where " + where + " and (" + c.filter()
                        + ") order by 1, 2";
                all = all.flatMap(list -> rows(sql, params).map(rs -> {
                    rs.forEach(r -> list.add(new CountedRow(c.unit(), (UUID) r[0], r[1] == null ? null : ((Number) r[1]).longValue())));
                    return list;
                }));
            }
        }
        return all;
    }


    // ---- per official ----------------------------------------------------------------------------

    /**
     * An official's figures for a period, with the groups they are a member of today. For the office and the
     * inspectors only: staff by name.
     */
    public record OfficialRow(String key, String name, String groups, Figures figures) {

        public Row row() {
            return new Row(key, name, figures);
        }
    }

    /**
     * Every official's figures for a period (the OFFICIAL metrics of the dictionary), as of its end (or now
     * while it runs): those counted in it, and the group members who had an account by then, counted or not.
     * Computed on each read, not kept (a replica's copy would disagree with another's after a late correction):
     * a published assessment keeps them, as it keeps every score.
     */
    @WithSession
    public Uni<List<OfficialRow>> officials(Period period) {
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime asOf = now.isBefore(period.end()) ? now : period.end();
        return officialFigures(period, asOf).flatMap(byOfficial -> {
            // Thousands of officials on a large zone: their ids go as one array, not one parameter each.
            UUID[] counted = byOfficial.keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
            return rows("""
                    select a.id, a.display_name, (select string_agg(g.name, '、' order by g.name) from group_member m
                                                  join assistance_group g on g.id = m.group_id where m.account_id = a.id)
                    from account a
                    where a.id = any(cast(:counted as uuid[]))
                       or exists (select 1 from group_member m where m.account_id = a.id)
                          and a.created_at < :asOf and (a.disabled_at is null or a.disabled_at >= :asOf)
                    order by a.display_name, a.id""", Map.of("counted", counted, "asOf", asOf))
                    .map(rows -> rows.stream().map(r -> new OfficialRow(r[0].toString(), (String) r[1], (String) r[2],
                            byOfficial.getOrDefault(r[0].toString(), Figures.EMPTY))).toList());
        });
    }

    private Uni<Map<String, Figures>> officialFigures(Period period, OffsetDateTime asOf) {
        Map<String, Object> params = params(period, asOf);
        Map<String, Tally> tallies = new HashMap<>();
        Uni<Void> run = Uni.createFrom().voidItem();
        for (Query q : OFFICIAL_QUERIES) {
            run = run.chain(() -> timed(q.name() + " per official", period, rows(q.officialSql(), params)).invoke(rows -> {
                for (Object[] r : rows) {
                    Object[] values = new Object[r.length - 1];
                    System.arraycopy(r, 1, values, 0, values.length);
                    q.add(tallies.computeIfAbsent(r[0].toString(), k -> new Tally()), values);
                }
            }).replaceWithVoid());
        }
        return run.map(v -> {
            Map<String, Figures> out = new HashMap<>();
            tallies.forEach((k, t) -> out.put(k, t.figures()));
            return Map.copyOf(out);
        });
    }

    // ---- names and assembly ---------------------------------------------------------------------

    private record Names(List<Object[]> groups, List<Object[]> departments, List<String> towns) {
    }

    private static Uni<Names> names() {
        return rows("select id, name from assistance_group order by name", Map.of())
                .flatMap(groups -> rows("select id, name from department order by name", Map.of())
                        .flatMap(departments -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "select distinct town from enterprise order by town", String.class).getResultList())
                                .map(towns -> new Names(groups, departments, towns))));
    }

    private PeriodFigures assemble(Period period, OffsetDateTime asOf, boolean complete,
            Map<Dimension, Map<String, Tally>> tallies, Names names) {
        Figures zone = tallies.getOrDefault(Dimension.ZONE, Map.of()).getOrDefault("", new Tally()).figures();
        List<Row> groups = names.groups().stream().map(g -> row(tallies, Dimension.GROUP, g[0].toString(), (String) g[1])).toList();
        List<Row> departments = names.departments().stream()
                .map(d -> row(tallies, Dimension.DEPARTMENT, d[0].toString(), (String) d[1])).toList();
        List<Row> chains = new ArrayList<>();
        for (IndustryChain c : IndustryChain.values()) {
            chains.add(row(tallies, Dimension.CHAIN, c.name(), c.label()));
        }
        if (tallies.getOrDefault(Dimension.CHAIN, Map.of()).containsKey("NONE")) {
            chains.add(row(tallies, Dimension.CHAIN, "NONE", "未填写"));
        }
        List<Row> towns = names.towns().stream().map(t -> row(tallies, Dimension.TOWN, t, t)).toList();
        return new PeriodFigures(period.toString(), dictionary.version(), Dates.inChina(asOf),
                complete, zone, groups, departments, List.copyOf(chains), towns);
    }

    private static Row row(Map<Dimension, Map<String, Tally>> tallies, Dimension dim, String key, String name) {
        Tally t = tallies.getOrDefault(dim, Map.of()).get(key);
        return new Row(key, name, t == null ? Figures.EMPTY : t.figures());
    }

    private static Uni<List<Object[]>> timed(String name, Period period, Uni<List<Object[]>> query) {
        if (!LOG.isDebugEnabled()) {
            return query;
        }
        long started = System.nanoTime();
        return query.invoke(r -> LOG.debugf("%s %s: %d rows in %d ms", period, name, r.size(),
                (System.nanoTime() - started) / 1_000_000));
    }

    private static Uni<List<Object[]>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
            // The queries share one parameter map; each binds the names it uses (":asOf", not "::date" or ":asOfDay").
            Set<String> used = NativeSelect.names(sql);
            params.forEach((k, v) -> {
                if (used.contains(k)) {
                    q.setParameter(k, v);
                }
            });
            return q.getResultList();
        });
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Double d(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private PeriodFigures read(String text) {
        try {
            return json.readValue(text, PeriodFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept month figures are unreadable", e);
        }
    }

    String write(PeriodFigures figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
