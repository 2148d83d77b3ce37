package cn.zoufang.project;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Issue;
import cn.zoufang.ledger.IssueCategory;
import cn.zoufang.ledger.IssueRegistration;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.project.ProjectDtos.Cycle;
import cn.zoufang.project.ProjectDtos.CycleRow;
import cn.zoufang.project.ProjectDtos.Dispatch;
import cn.zoufang.project.ProjectDtos.DispatchRow;
import cn.zoufang.project.ProjectDtos.IssueRef;
import cn.zoufang.project.ProjectDtos.Person;
import cn.zoufang.project.ProjectDtos.ProjectDetail;
import cn.zoufang.project.ProjectDtos.ProjectInput;
import cn.zoufang.project.ProjectDtos.ProjectView;
import cn.zoufang.project.ProjectDtos.Ref;
import cn.zoufang.project.ProjectDtos.ReportInput;
import cn.zoufang.project.ProjectDtos.ReportView;
import cn.zoufang.report.ReportService;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * 重大重点项目 under "一月一报表、两月一调度": the office registers projects, the responsible department reports
 * each month (problems become ledger issues), and every two months the office gets the projects behind plan
 * or blocked. Scope is applied once, in {@link #visible}.
 */
@ApplicationScoped
@WithSession
public class ProjectService {

    private final Scope scope;
    private final IssueRegistration registration;
    private final ReportService reports;
    private final ProjectConfig config;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;

    public ProjectService(Scope scope, IssueRegistration registration, ReportService reports, ProjectConfig config,
            AuditLog audit, Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.scope = scope;
        this.registration = registration;
        this.reports = reports;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- the report cycle's days ----------------------------------------------------------------

    /** Month M's report may be sent from the 1st of M+1 (earlier too, but it is asked from then). */
    public static LocalDate opensOn(YearMonth month) {
        return month.plusMonths(1).atDay(1);
    }

    /** The groups' monthly reports' due day: one deadline for every monthly report of the program. */
    public LocalDate dueDate(YearMonth month) {
        return reports.dueDate(month);
    }

    // ---- the office -----------------------------------------------------------------------------

    @WithTransaction
    public Uni<ProjectView> create(Caller caller, ProjectInput in) {
        KeyProject p = new KeyProject();
        p.id = UUID.randomUUID();
        p.createdAt = Dates.now(clock);
        return apply(p, in).chain(() -> p.persistAndFlush())
                .chain(() -> audit.record(Entry.by(caller, "PROJECT_CREATE", "PROJECT", p.id).detail(p.name)))
                .chain(() -> views(List.of(p))).map(v -> v.get(0));
    }

    @WithTransaction
    public Uni<ProjectView> update(Caller caller, UUID id, String ifMatch, ProjectInput in) {
        return visible(caller, id).chain(p -> {
            Preconditions.requireMatch(ifMatch, p.version);
            return apply(p, in).chain(() -> Panache.flush())
                    .chain(() -> audit.record(Entry.by(caller, "PROJECT_UPDATE", "PROJECT", p.id)
                            .detail(p.name + " " + p.status)))
                    .chain(() -> views(List.of(p))).map(v -> v.get(0));
        });
    }

    private Uni<Void> apply(KeyProject p, ProjectInput in) {
        YearMonth start = YearMonth.parse(in.startMonth());
        YearMonth end = YearMonth.parse(in.endMonth());
        if (end.isBefore(start)) {
            throw ApiException.invalidField("endMonth", FieldCode.INVALID, "计划完成月份不能早于开始月份");
        }
        return Enterprise.<Enterprise>findById(in.enterpriseId()).chain(e -> {
            if (e == null) {
                throw ApiException.invalidField("enterpriseId", FieldCode.INVALID, "没有这家企业");
            }
            return Department.<Department>findById(in.departmentId());
        }).invoke(d -> {
            if (d == null || d.mergedInto != null) {
                throw ApiException.invalidField("departmentId", FieldCode.INVALID, "责任单位不存在或已被合并");
            }
            p.name = in.name().trim();
            p.enterpriseId = in.enterpriseId();
            p.departmentId = in.departmentId();
            p.plannedInvestment = in.plannedInvestment();
            p.startMonth = start.atDay(1);
            p.endMonth = end.atDay(1);
            p.status = in.status() == null ? ProjectStatus.ACTIVE : in.status();
            p.updatedAt = Dates.now(clock);
        }).replaceWithVoid();
    }

    // ---- reading --------------------------------------------------------------------------------

    /** The project if the caller may see it; otherwise 404, exactly as if it did not exist. */
    Uni<KeyProject> visible(Caller caller, UUID id) {
        Scope.Clause visible = scope.projects(caller, "p");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return KeyProject.<KeyProject>find("from KeyProject p where p.id = :id and " + visible.hql(), params)
                .firstResult().onItem().ifNull().failWith(() -> ApiException.notFound("重点项目"));
    }

    public Uni<Page<ProjectView>> list(Caller caller, ProjectStatus status, UUID departmentId, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Scope.Clause visible = scope.projects(caller, "p");
        StringBuilder hql = new StringBuilder("from KeyProject p where ").append(visible.hql());
        Map<String, Object> params = visible.into(new HashMap<>());
        if (status != null) {
            hql.append(" and p.status = :status");
            params.put("status", status);
        }
        if (departmentId != null) {
            hql.append(" and p.departmentId = :department");
            params.put("department", departmentId);
        }
        if (cursor != null) {
            hql.append(" and (p.name > :afterName or (p.name = :afterName and p.id > :afterId))");
            params.put("afterName", cursor.key(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by p.name, p.id");
        return KeyProject.<KeyProject>find(hql.toString(), params).range(0, limit).list()
                .chain(rows -> views(rows.subList(0, Math.min(rows.size(), limit)))
                        .map(views -> {
                            Map<UUID, ProjectView> byId = views.stream().collect(Collectors.toMap(ProjectView::id, v -> v));
                            return Page.of(rows, limit, p -> byId.get(p.id), p -> Cursor.of(p.name, p.id.toString()));
                        }));
    }

    public Uni<ProjectDetail> detail(Caller caller, UUID id) {
        return visible(caller, id).chain(p -> views(List.of(p)).chain(v -> ProjectReport.<ProjectReport>list(
                "projectId = ?1 order by month desc", p.id)
                .chain(all -> reportViews(all).chain(reportViews -> issues(List.of(p.id), false)
                        .map(issues -> new ProjectDetail(v.get(0), reportViews, issues.stream().map(ProjectService::ref).toList()))))));
    }

    /** Where each visible project's report of {@code month} stands today, with the reminders sent. */
    public Uni<Cycle> cycle(Caller caller, YearMonth month) {
        LocalDate today = Dates.today(clock);
        Scope.Clause visible = scope.projects(caller, "p");
        Map<String, Object> params = visible.into(new HashMap<>());
        return KeyProject.<KeyProject>find("from KeyProject p where " + visible.hql() + " order by p.name, p.id", params)
                .list()
                .map(all -> all.stream().filter(p -> p.reportsFor(month)).toList())
                .chain(projects -> reportsOf(projects, month).chain(byProject -> noticesOf(projects, month)
                        .chain(notices -> departments(projects).map(departments -> new Cycle(month.toString(),
                                opensOn(month), dueDate(month), projects.stream().map(p -> {
                                    ProjectReport r = byProject.get(p.id);
                                    CycleStatus s = CycleStatus.of(r, opensOn(month), dueDate(month), today);
                                    return new CycleRow(p.id, p.name, departments.get(p.departmentId), s, s.label(),
                                            notices.getOrDefault(p.id, List.of()), r == null ? null : r.submittedAt);
                                }).toList())))));
    }

    /**
     * The 调度 list of the two months containing {@code month} (Jan–Feb, Mar–Apr, …): the running projects
     * blocked, behind plan in their latest report, with open problems, or whose reports were missing or late.
     */
    public Uni<Dispatch> dispatch(YearMonth month) {
        YearMonth from = month.getMonthValue() % 2 == 1 ? month : month.minusMonths(1);
        YearMonth to = from.plusMonths(1);
        LocalDate today = Dates.today(clock);
        return KeyProject.<KeyProject>list("status = ?1 and startMonth <= ?2 and endMonth >= ?3 order by name, id",
                ProjectStatus.ACTIVE, to.atDay(1), from.atDay(1))
                .chain(projects -> (projects.isEmpty() ? Uni.createFrom().item(List.<ProjectReport>of())
                        : ProjectReport.<ProjectReport>list("projectId in ?1 and month <= ?2 order by month",
                                projects.stream().map(p -> p.id).toList(), to.atDay(1)))
                        .chain(reportRows -> issues(projects.stream().map(p -> p.id).toList(), true)
                                .chain(open -> views(projects).map(views -> {
                                    Map<UUID, List<ProjectReport>> byProject = reportRows.stream()
                                            .collect(Collectors.groupingBy(r -> r.projectId));
                                    Map<UUID, List<Issue>> openBy = open.stream().collect(Collectors.groupingBy(i -> i.projectId));
                                    List<DispatchRow> rows = new ArrayList<>();
                                    for (int k = 0; k < projects.size(); k++) {
                                        KeyProject p = projects.get(k);
                                        DispatchRow row = dispatchRow(p, views.get(k), byProject.getOrDefault(p.id, List.of()),
                                                openBy.getOrDefault(p.id, List.of()), from, to, today);
                                        if (!row.reasons().isEmpty()) {
                                            rows.add(row);
                                        }
                                    }
                                    // Blocked first, then by how many reasons, then by name.
                                    rows.sort(Comparator.comparing((DispatchRow r) -> !r.reasons().contains(DispatchReason.BLOCKED))
                                            .thenComparing(r -> -r.reasons().size()));
                                    return new Dispatch(from.toString(), to.toString(),
                                            config.behindPlanRatio().movePointRight(2).stripTrailingZeros(), rows);
                                }))));
    }

    /** The 调度 list as an Excel sheet, written on a worker thread (POI is CPU work the event loop must not do). */
    public Uni<byte[]> workbook(Dispatch d) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> DispatchWorkbook.write(d)));
    }

    private DispatchRow dispatchRow(KeyProject p, ProjectView view, List<ProjectReport> reportsUpTo, List<Issue> open,
            YearMonth from, YearMonth to, LocalDate today) {
        List<DispatchReason> reasons = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean blocked = false;
        boolean late = false;
        Set<YearMonth> reported = reportsUpTo.stream().map(r -> YearMonth.from(r.month)).collect(Collectors.toSet());
        for (ProjectReport r : reportsUpTo) {
            YearMonth m = YearMonth.from(r.month);
            if (!m.isBefore(from)) {
                blocked |= r.blocked;
                late |= r.late;
            }
        }
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            if (p.reportsFor(m) && !reported.contains(m) && CycleStatus.of(null, opensOn(m), dueDate(m), today) == CycleStatus.OVERDUE) {
                missing.add(m.toString());
            }
        }
        ProjectReport latest = reportsUpTo.isEmpty() ? null : reportsUpTo.get(reportsUpTo.size() - 1);
        if (blocked) {
            reasons.add(DispatchReason.BLOCKED);
        }
        if (latest != null && latest.behindPlan(config.behindPlanRatio())) {
            reasons.add(DispatchReason.BEHIND_PLAN);
        }
        if (!open.isEmpty()) {
            reasons.add(DispatchReason.OPEN_PROBLEMS);
        }
        if (!missing.isEmpty()) {
            reasons.add(DispatchReason.REPORT_MISSING);
        }
        if (late) {
            reasons.add(DispatchReason.REPORT_LATE);
        }
        return new DispatchRow(view, reasons, reasons.stream().map(DispatchReason::label).toList(), missing,
                open.stream().map(ProjectService::ref).toList());
    }

    // ---- the department -------------------------------------------------------------------------

    /**
     * The month's report, once (409 if that month is in); its problems become ledger issues of the project's
     * enterprise linked to the project, in the same transaction: all of it or nothing.
     */
    @WithTransaction
    public Uni<ReportView> submit(Caller caller, UUID id, ReportInput in) {
        YearMonth month = YearMonth.parse(in.month());
        LocalDate today = Dates.today(clock);
        List<ProjectDtos.Problem> problems = in.problems() == null ? List.of() : in.problems();
        return visible(caller, id).chain(p -> {
            if (p.status != ProjectStatus.ACTIVE) {
                throw new ApiException(ErrorCode.INVALID_STATE, "项目已完成，不再报送月报");
            }
            if (month.isAfter(YearMonth.from(today)) || !p.reportsFor(month)) {
                throw ApiException.invalidField("month", FieldCode.INVALID,
                        "只能报送项目起止月份内、不晚于本月的月报（" + YearMonth.from(p.startMonth) + " 至 " + YearMonth.from(p.endMonth) + "）");
            }
            return checkCategories(problems).chain(() -> ProjectReport.count("projectId = ?1 and month = ?2", p.id, month.atDay(1)))
                    .chain(n -> {
                        if (n > 0) {
                            throw new ApiException(ErrorCode.CONFLICT, month + " 的月报已报送");
                        }
                        ProjectReport r = new ProjectReport();
                        r.id = UUID.randomUUID();
                        r.projectId = p.id;
                        r.month = month.atDay(1);
                        r.investedToDate = in.investedToDate();
                        r.plannedToDate = in.plannedToDate();
                        r.progress = in.progress().trim();
                        r.milestones = in.milestones() == null || in.milestones().isBlank() ? null : in.milestones().trim();
                        r.blocked = in.blocked();
                        r.submittedBy = caller.id();
                        r.submittedAt = Dates.now(clock);
                        r.late = today.isAfter(dueDate(month));
                        return r.persistAndFlush()
                                .onFailure().transform(f -> Conflicts.translate(f, "key_project_report_once",
                                        new ApiException(ErrorCode.CONFLICT, month + " 的月报已报送")))
                                .chain(() -> Enterprise.<Enterprise>findById(p.enterpriseId))
                                .chain(e -> raise(caller, e, p, r, problems))
                                .chain(() -> audit.record(Entry.by(caller, "PROJECT_REPORT_SUBMIT", "PROJECT", p.id)
                                        .detail(month + (r.late ? " late" : "") + ", " + problems.size() + " problems")))
                                .chain(() -> Panache.flush())
                                .chain(() -> reportViews(List.of(r))).map(v -> v.get(0));
                    });
        });
    }

    private Uni<Void> raise(Caller caller, Enterprise e, KeyProject p, ProjectReport r, List<ProjectDtos.Problem> problems) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ProjectDtos.Problem problem : problems) {
            chain = chain.chain(() -> registration.registerProblem(caller, e, p.id, r.id, problem.category(),
                    problem.title(), problem.description())).replaceWithVoid();
        }
        return chain;
    }

    private static Uni<Void> checkCategories(List<ProjectDtos.Problem> problems) {
        if (problems.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return IssueCategory.<IssueCategory>list("code in ?1", problems.stream().map(ProjectDtos.Problem::category).toList())
                .invoke(found -> {
                    Set<String> usable = found.stream().filter(c -> !c.retired).map(c -> c.code).collect(Collectors.toSet());
                    for (int i = 0; i < problems.size(); i++) {
                        if (!usable.contains(problems.get(i).category())) {
                            throw ApiException.invalidField("problems[" + i + "].category", FieldCode.INVALID,
                                    "没有这个诉求类别或已停用");
                        }
                    }
                }).replaceWithVoid();
    }

    // ---- views ----------------------------------------------------------------------------------

    /** Views in the rows' order, with their names and latest reports loaded once for all. */
    Uni<List<ProjectView>> views(List<KeyProject> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = rows.stream().map(p -> p.id).toList();
        return Enterprise.<Enterprise>list("id in ?1", rows.stream().map(p -> p.enterpriseId).distinct().toList())
                .chain(enterprises -> departments(rows).chain(departments -> ProjectReport.<ProjectReport>list("""
                        from ProjectReport r where r.projectId in ?1 and r.month = (select max(r2.month)
                        from ProjectReport r2 where r2.projectId = r.projectId)""", ids)
                        .chain(latest -> reportViews(latest).map(latestViews -> {
                            Map<UUID, String> names = enterprises.stream().collect(Collectors.toMap(e -> e.id, e -> e.name));
                            Map<UUID, ReportView> latestBy = new HashMap<>();
                            for (int k = 0; k < latest.size(); k++) {
                                latestBy.put(latest.get(k).projectId, latestViews.get(k));
                            }
                            return rows.stream().map(p -> new ProjectView(p.id, p.name,
                                    new Ref(p.enterpriseId, names.get(p.enterpriseId)),
                                    departments.get(p.departmentId), p.plannedInvestment,
                                    YearMonth.from(p.startMonth).toString(), YearMonth.from(p.endMonth).toString(),
                                    p.status, p.status.label(), latestBy.get(p.id), p.version)).toList();
                        }))));
    }

    private Uni<List<ReportView>> reportViews(List<ProjectReport> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Account.<Account>list("id in ?1", rows.stream().map(r -> r.submittedBy).distinct().toList())
                .chain(people -> Issue.<Issue>list("projectReportId in ?1 order by ledgerNo",
                        rows.stream().map(r -> r.id).toList()).map(issues -> {
                            Map<UUID, String> names = people.stream().collect(Collectors.toMap(a -> a.id, a -> a.displayName));
                            Map<UUID, List<IssueRef>> problems = issues.stream().collect(Collectors.groupingBy(
                                    i -> i.projectReportId, Collectors.mapping(ProjectService::ref, Collectors.toList())));
                            return rows.stream().map(r -> new ReportView(r.id, YearMonth.from(r.month).toString(),
                                    r.investedToDate, r.plannedToDate, r.completionPercent(),
                                    r.behindPlan(config.behindPlanRatio()), r.progress, r.milestones, r.blocked,
                                    new Person(r.submittedBy, names.get(r.submittedBy)), r.submittedAt, r.late,
                                    problems.getOrDefault(r.id, List.of()))).toList();
                        }));
    }

    private static Uni<Map<UUID, Ref>> departments(List<KeyProject> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Department.<Department>list("id in ?1", rows.stream().map(p -> p.departmentId).distinct().toList())
                .map(all -> all.stream().collect(Collectors.toMap(d -> d.id, d -> new Ref(d.id, d.name))));
    }

    private static Uni<Map<UUID, ProjectReport>> reportsOf(List<KeyProject> projects, YearMonth month) {
        if (projects.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ProjectReport.<ProjectReport>list("projectId in ?1 and month = ?2",
                projects.stream().map(p -> p.id).toList(), month.atDay(1))
                .map(all -> all.stream().collect(Collectors.toMap(r -> r.projectId, r -> r)));
    }

    private static Uni<Map<UUID, List<String>>> noticesOf(List<KeyProject> projects, YearMonth month) {
        if (projects.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select project_id, kind from key_project_notice where project_id in (:ids) and month = :m
                order by sent_at""", Object[].class)
                .setParameter("ids", projects.stream().map(p -> p.id).toList())
                .setParameter("m", month.atDay(1)).getResultList())
                .map(rows -> rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0],
                        Collectors.mapping(r -> (String) r[1], Collectors.toList()))));
    }

    /** The projects' issues, oldest first; {@code openOnly}: not closed out yet. */
    private static Uni<List<Issue>> issues(List<UUID> projectIds, boolean openOnly) {
        if (projectIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return openOnly ? Issue.<Issue>list("projectId in ?1 and status <> ?2 order by createdAt", projectIds, IssueStatus.CLOSED)
                : Issue.<Issue>list("projectId in ?1 order by createdAt", projectIds);
    }

    private static IssueRef ref(Issue i) {
        return new IssueRef(i.id, i.ledgerNo, i.title, i.status, i.status.label());
    }
}
