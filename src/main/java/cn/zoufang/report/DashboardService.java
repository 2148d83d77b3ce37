package cn.zoufang.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.enterprisefile.CoverageService;
import cn.zoufang.identity.Caller;
import cn.zoufang.indicator.TargetService;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Deadlines;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.ledger.WorkCalendar;
import cn.zoufang.report.DashboardDtos.Dashboard;
import cn.zoufang.report.DashboardDtos.GroupLine;
import cn.zoufang.report.DashboardDtos.Line;
import cn.zoufang.report.DashboardDtos.OverdueIssue;
import cn.zoufang.report.DashboardDtos.PeriodDashboard;
import cn.zoufang.report.DashboardDtos.Supervision;
import cn.zoufang.report.DashboardDtos.Trend;
import cn.zoufang.report.DashboardDtos.TrendPoint;
import cn.zoufang.report.PeriodFigures.Row;
import cn.zoufang.report.ReportDtos.ReportSummary;
import cn.zoufang.web.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** The leading group office's view: every group side by side, trends, the supervision list, the workbook. */
@ApplicationScoped
@WithSession
public class DashboardService {

    private final Metrics metrics;
    private final ReportService reports;
    private final WorkCalendar calendar;
    private final Vertx vertx;

    private final Clock clock;

    private final AuditLog audit;

    private final TargetService targets;

    private final CoverageService coverage;

    public DashboardService(Metrics metrics, ReportService reports, WorkCalendar calendar, Vertx vertx,
            AuditLog audit, TargetService targets, CoverageService coverage, Clock clock) {
        this.targets = targets;
        this.coverage = coverage;
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
        this.reports = reports;
        this.calendar = calendar;
        this.vertx = vertx;
    }

    public Uni<Dashboard> month(YearMonth month) {
        return metrics.month(month).flatMap(current -> metrics.month(month.minusMonths(1)).flatMap(previous ->
                AssistanceGroup.<AssistanceGroup>list("order by name").flatMap(groups -> reports.summaries(groups, month))
                        .map(summaries -> {
                            Map<UUID, ReportSummary> byGroup = summaries.stream()
                                    .collect(Collectors.toMap(ReportSummary::groupId, s -> s));
                            List<GroupLine> groups = current.groups().stream().map(r -> new GroupLine(r.key(), r.name(),
                                    r.figures(), find(previous.groups(), r.key()), byGroup.get(UUID.fromString(r.key()))))
                                    .toList();
                            return new Dashboard(month.toString(), month.minusMonths(1).toString(), current.asOf(),
                                    current.complete(), current.dictionaryVersion(), reports.dueDate(month),
                                    new Line("ZONE", "全区", current.zone(), previous.zone()), groups,
                                    beside(current.departments(), previous.departments()),
                                    beside(current.chains(), previous.chains()), beside(current.towns(), previous.towns()));
                        })));
    }

    /** A period's figures beside the previous period's, every dimension. */
    public Uni<PeriodDashboard> period(Period period) {
        return metrics.period(period).flatMap(current -> metrics.period(period.previous()).map(previous ->
                new PeriodDashboard(period.toString(), period.label(), period.kind().name(), period.previous().toString(),
                        current.asOf(), current.complete(), current.dictionaryVersion(),
                        new Line("ZONE", "全区", current.zone(), previous.zone()), beside(current.groups(), previous.groups()),
                        beside(current.departments(), previous.departments()), beside(current.chains(), previous.chains()),
                        beside(current.towns(), previous.towns()))));
    }

    /** {@code count} months up to {@code last}, for the zone or (with {@code groupId}) one group. */
    public Uni<Trend> trend(YearMonth last, int count, UUID groupId) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            months.add(last.minusMonths(i));
        }
        Uni<String> name = groupId == null ? Uni.createFrom().item("全区")
                : AssistanceGroup.<AssistanceGroup>findById(groupId).onItem().ifNull()
                        .failWith(() -> ApiException.notFound("帮扶小组")).map(g -> g.name);
        return name.flatMap(n -> metrics.months(months).map(all -> new Trend(groupId, n, all.stream()
                .map(f -> new TrendPoint(f.period(), f.complete(), groupId == null ? f.zone()
                        : find(f.groups(), groupId.toString())))
                .toList())));
    }

    /** The issues past their deadline in a department's hands, oldest deadline first. */
    public Uni<Supervision> supervision(int limit) {
        LocalDate today = Dates.today(clock);
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select count(*) from issue i where %s""".formatted(Deadlines.overdueSql("i", "today")), Long.class)
                .setParameter("today", today).getSingleResult()
                .flatMap(total -> overdue(today, limit).map(list -> new Supervision(today, total, list))));
    }

    /**
     * The issues overdue at a period's end, as its figures count them ({@code overdueAtMonthEnd}): in the
     * state each had then, oldest deadline first, with how many there were. A running period's are today's.
     */
    public Uni<Supervision> overdueAt(Period period, int limit) {
        OffsetDateTime now = Dates.now(clock);
        if (now.isBefore(period.end())) {
            return supervision(limit);
        }
        LocalDate cutoff = period.lastDay().plusDays(1);
        String overdue = "with f as (" + Metrics.STATE_AT + "), o as (select * from f where "
                + Deadlines.overdueSql("f", "cutoff") + ") ";
        return Panache.getSession().flatMap(s -> s.createNativeQuery(overdue + "select count(*) from o", Long.class)
                .setParameter("asOf", period.end()).setParameter("cutoff", cutoff).getSingleResult()
                .flatMap(total -> s.createNativeQuery(overdue + """
                        select i.id, i.ledger_no, i.title, e.id, e.name, g.name, d.name, o.status, o.due_date, i.supervised
                        from o join issue i on i.id = o.id join enterprise e on e.id = i.enterprise_id
                        left join assistance_group g on g.id = o.g left join department d on d.id = o.d
                        order by o.due_date, i.ledger_no limit :limit""", Object[].class)
                        .setParameter("asOf", period.end()).setParameter("cutoff", cutoff).setParameter("limit", limit)
                        .getResultList().map(rows -> new Supervision(period.lastDay(), total,
                                rows.stream().map(r -> overdueIssue(r, period.lastDay())).toList()))));
    }

    Uni<List<OverdueIssue>> overdue(LocalDate today, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select i.id, i.ledger_no, i.title, e.id, e.name, g.name, d.name, i.status, i.due_date, i.supervised
                from issue i join enterprise e on e.id = i.enterprise_id
                left join assistance_group g on g.id = i.group_id
                left join department d on d.id = i.lead_department_id
                where %s
                order by i.due_date, i.ledger_no limit :limit""".formatted(Deadlines.overdueSql("i", "today")), Object[].class)
                .setParameter("today", today).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(r -> overdueIssue(r, today)).toList());
    }

    private OverdueIssue overdueIssue(Object[] r, LocalDate today) {
        IssueStatus status = IssueStatus.valueOf((String) r[7]);
        LocalDate due = (LocalDate) r[8];
        return new OverdueIssue((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3], (String) r[4],
                (String) r[5], (String) r[6], status.name(), status.label(), due,
                calendar.days().daysOverdue(due, today), (Boolean) r[9]);
    }

    /**
     * The office's workbook of a period (a month, quarter, half-year or year): groups (with their monthly
     * reports, for a month), departments, the overdue list and the period's ledger; the year's targets against
     * the enterprises' figures; who the program misses today (no group, no visit for three months).
     */
    public Uni<byte[]> workbook(Caller caller, Period period) {
        Uni<Map<String, ReportSummary>> monthlyReports = period.kind() != Period.Kind.MONTH ? Uni.createFrom().item(Map.of())
                : AssistanceGroup.<AssistanceGroup>list("order by name")
                        .flatMap(groups -> reports.summaries(groups, period.firstMonth()))
                        .map(list -> list.stream().collect(Collectors.toMap(r -> r.groupId().toString(), r -> r)));
        return audit.personalDataRead(caller, "WORKBOOK_EXPORT", "PERIOD", period, period.label() + "工作簿（含台账）")
                .chain(() -> period(period)).flatMap(d -> monthlyReports.flatMap(summaries ->
                overdue(Dates.today(clock), ReportWorkbook.MAX_ROWS).flatMap(overdue ->
                ledger(period).flatMap(ledger -> targets.progress(period.year()).flatMap(year ->
                coverage.coverage(3).flatMap(missed -> vertx.executeBlocking(Uni.createFrom().item(() ->
                        ReportWorkbook.write(d, summaries, overdue, ledger, year, missed,
                                Dates.inChina(Dates.now(clock)))))))))));
    }

    /** The issues registered in the period, for the workbook's ledger sheet, oldest first. */
    private static Uni<List<Object[]>> ledger(Period period) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select i.ledger_no, e.name, g.name, i.source, c.name, i.urgent, i.title, i.status, d.name,
                       i.created_at, i.due_date, i.responded_at, i.close_reason, i.rating
                from issue i join enterprise e on e.id = i.enterprise_id
                join issue_category c on c.code = i.category_code
                left join assistance_group g on g.id = i.group_id
                left join department d on d.id = i.lead_department_id
                where i.created_at >= :start and i.created_at < :end
                order by i.created_at, i.ledger_no limit :limit""", Object[].class)
                .setParameter("start", period.start()).setParameter("end", period.end())
                .setParameter("limit", ReportWorkbook.MAX_ROWS).getResultList());
    }

    private static List<Line> beside(List<Row> current, List<Row> previous) {
        return current.stream().map(r -> new Line(r.key(), r.name(), r.figures(), find(previous, r.key()))).toList();
    }

    private static Figures find(List<Row> rows, String key) {
        return rows.stream().filter(r -> r.key().equals(key)).map(Row::figures).findFirst().orElse(Figures.EMPTY);
    }
}
