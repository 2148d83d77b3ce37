package cn.zoufang.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.directory.GroupService;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import cn.zoufang.report.ReportDtos.Narrative;
import cn.zoufang.report.ReportDtos.Person;
import cn.zoufang.report.ReportDtos.ReportSummary;
import cn.zoufang.report.ReportDtos.ReportView;
import cn.zoufang.report.ReportDtos.VersionSummary;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * 月报: the group leader writes and submits month M's report during M+1; the office accepts it or
 * returns it with a comment, and the leader's next edit starts a new version. Submission freezes the
 * group's figures with the metric dictionary's version.
 */
@ApplicationScoped
@WithSession
public class ReportService {

    /** A view and whether it started a new version (201). */
    public record Saved(ReportView view, long etag, boolean created) {
    }

    private final Metrics metrics;
    private final MetricDictionary dictionary;
    private final ReportConfig config;
    private final Scope scope;
    private final GroupService groups;
    private final Notifier notifier;
    private final AuditLog audit;
    private final ObjectMapper json;

    private final Clock clock;

    public ReportService(Metrics metrics, MetricDictionary dictionary, ReportConfig config, Scope scope,
            GroupService groups, Notifier notifier, AuditLog audit, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.metrics = metrics;
        this.groups = groups;
        this.dictionary = dictionary;
        this.config = config;
        this.scope = scope;
        this.notifier = notifier;
        this.audit = audit;
        this.json = json;
    }

    /** The last day to submit month M's report: the configured day of M+1. */
    public LocalDate dueDate(YearMonth month) {
        YearMonth next = month.plusMonths(1);
        return next.atDay(Math.min(config.dueDay(), next.lengthOfMonth()));
    }

    // ---- reading --------------------------------------------------------------------------------

    public Uni<Saved> current(Caller caller, UUID groupId, YearMonth month) {
        return visibleGroup(caller, groupId).flatMap(g -> versions(groupId, month).flatMap(all -> all.isEmpty()
                ? notStarted(g, month).map(v -> new Saved(v, 0, false))
                : view(g, month, all.get(all.size() - 1), all).map(v -> new Saved(v, all.get(all.size() - 1).rowVersion, false))));
    }

    public Uni<Saved> version(Caller caller, UUID groupId, YearMonth month, int version) {
        return visibleGroup(caller, groupId).flatMap(g -> versions(groupId, month).flatMap(all -> {
            MonthlyReport r = all.stream().filter(x -> x.version == version).findFirst()
                    .orElseThrow(() -> ApiException.notFound("月报版本"));
            return view(g, month, r, all).map(v -> new Saved(v, r.rowVersion, false));
        }));
    }

    /** Every visible group's report for the month, by group name. */
    public Uni<List<ReportSummary>> list(Caller caller, YearMonth month) {
        Scope.Clause visible = scope.groups(caller, "g");
        Map<String, Object> params = visible.into(new HashMap<>());
        return AssistanceGroup.<AssistanceGroup>find("from AssistanceGroup g where " + visible.hql() + " order by g.name", params)
                .list().flatMap(groups -> summaries(groups, month));
    }

    /** The month's report of each group given; no scope check. */
    public Uni<List<ReportSummary>> summaries(List<AssistanceGroup> groups, YearMonth month) {
        List<UUID> ids = groups.stream().map(g -> g.id).toList();
        return MonthlyReport.<MonthlyReport>list("month = ?1 order by version", month.atDay(1))
                .flatMap(reports -> people(groups.stream().map(g -> g.leaderId).toList()).map(leaders -> {
                    Map<UUID, List<MonthlyReport>> byGroup = new HashMap<>();
                    reports.stream().filter(r -> ids.contains(r.groupId))
                            .forEach(r -> byGroup.computeIfAbsent(r.groupId, k -> new ArrayList<>()).add(r));
                    return groups.stream().map(g -> {
                        List<MonthlyReport> all = byGroup.getOrDefault(g.id, List.of());
                        MonthlyReport last = all.isEmpty() ? null : all.get(all.size() - 1);
                        ReportStatus status = last == null ? ReportStatus.NOT_STARTED : last.status;
                        return new ReportSummary(g.id, g.name, leaders.get(g.leaderId), month.toString(),
                                last == null ? null : last.id, last == null ? 0 : last.version, status, status.label(),
                                last == null ? null : last.submittedAt, late(all), missing(month, all));
                    }).toList();
                }));
    }

    // ---- the leader -----------------------------------------------------------------------------

    /** Saves the narrative into the draft, starting a version when there is none being written. */
    @WithTransaction
    public Uni<Saved> save(Caller caller, UUID groupId, YearMonth month, String ifMatch, Narrative in) {
        if (month.isAfter(YearMonth.from(Dates.today(clock)))) {
            throw new ApiException(ErrorCode.INVALID_STATE, "该月份尚未开始，不能填写月报");
        }
        return ledGroup(caller, groupId).flatMap(g -> versions(groupId, month).flatMap(all -> {
            MonthlyReport last = all.isEmpty() ? null : all.get(all.size() - 1);
            if (last != null) {
                Preconditions.requireMatch(ifMatch, last.rowVersion);
            }
            if (last != null && !ReportWorkflow.SAVE.allowedFrom(last.status)) {
                throw new ApiException(ErrorCode.INVALID_STATE, "月报" + last.status.label() + "，不能再"
                        + ReportWorkflow.SAVE.label());
            }
            boolean created = last == null || last.status == ReportStatus.RETURNED;
            MonthlyReport draft = created ? newVersion(groupId, month, last) : last;
            draft.progress = trim(in.progress());
            draft.problemsSolved = trim(in.problemsSolved());
            draft.nextPlan = trim(in.nextPlan());
            draft.updatedAt = Dates.now(clock);
            Uni<?> saved = created ? draft.persist() : Uni.createFrom().item(draft);
            return saved.chain(() -> Panache.flush())
                    .chain(() -> audit.record(Entry.by(caller, "REPORT_SAVE", "REPORT", draft.id)
                            .detail(month + " v" + draft.version)))
                    .chain(() -> reread(g, month, draft, created));
        }));
    }

    @WithTransaction
    public Uni<Saved> submit(Caller caller, UUID groupId, YearMonth month, String ifMatch) {
        return ledGroup(caller, groupId).flatMap(g -> live(groupId, month, ifMatch, ReportWorkflow.SUBMIT).flatMap(r -> {
            if (Dates.now(clock).isBefore(Period.of(month).end())) {
                throw new ApiException(ErrorCode.INVALID_STATE, "该月份尚未结束，请在次月报送月报");
            }
            List<FieldError> missing = new ArrayList<>();
            if (r.progress == null) {
                missing.add(new FieldError("progress", FieldCode.REQUIRED, "报送前请填写本月工作进展", null));
            }
            if (r.nextPlan == null) {
                missing.add(new FieldError("nextPlan", FieldCode.REQUIRED, "报送前请填写下月工作计划", null));
            }
            if (!missing.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "月报内容不完整", missing);
            }
            return metrics.month(month).flatMap(figures -> firstLate(groupId, month).map(firstLate -> {
                r.figures = write(figures.group(groupId.toString()).map(PeriodFigures.Row::figures).orElse(Figures.EMPTY));
                r.dictionaryVersion = figures.dictionaryVersion();
                r.status = ReportStatus.SUBMITTED;
                r.submittedAt = Dates.now(clock);
                r.submittedBy = caller.id();
                r.late = r.version == 1 ? Dates.today(clock).isAfter(dueDate(month)) : firstLate;
                r.updatedAt = r.submittedAt;
                return r;
            })).chain(x -> Panache.flush())
                    .chain(() -> audit.record(Entry.by(caller, "REPORT_SUBMIT", "REPORT", r.id).detail(month + " v" + r.version)))
                    .chain(() -> reread(g, month, r, false));
        }));
    }

    // ---- the office -----------------------------------------------------------------------------

    @WithTransaction
    public Uni<Saved> accept(Caller caller, UUID groupId, YearMonth month, String ifMatch) {
        return review(caller, groupId, month, ifMatch, ReportWorkflow.ACCEPT, r -> {
            r.status = ReportStatus.ACCEPTED;
            return Uni.createFrom().voidItem();
        });
    }

    @WithTransaction
    public Uni<Saved> returnReport(Caller caller, UUID groupId, YearMonth month, String ifMatch, String comment) {
        return review(caller, groupId, month, ifMatch, ReportWorkflow.RETURN, r -> {
            r.status = ReportStatus.RETURNED;
            r.reviewComment = comment.trim();
            return AssistanceGroup.<AssistanceGroup>findById(groupId).flatMap(g -> notifier.notify(List.of(g.leaderId),
                    NotificationType.REPORT_RETURNED, groupId, false));
        });
    }

    private Uni<Saved> review(Caller caller, UUID groupId, YearMonth month, String ifMatch, ReportWorkflow step,
            Function<MonthlyReport, Uni<Void>> change) {
        if (!caller.hasAny(Role.OFFICE)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "只有领导小组办公室可以审核月报");
        }
        return visibleGroup(caller, groupId).flatMap(g -> live(groupId, month, ifMatch, step)
                .flatMap(r -> {
                    r.reviewedAt = Dates.now(clock);
                    r.reviewedBy = caller.id();
                    r.updatedAt = r.reviewedAt;
                    return change.apply(r).chain(() -> Panache.flush())
                            .chain(() -> audit.record(Entry.by(caller, "REPORT_" + (r.status == ReportStatus.ACCEPTED
                                    ? "ACCEPT" : "RETURN"), "REPORT", r.id).detail(month + " v" + r.version)))
                            .chain(() -> reread(g, month, r, false));
                }));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Uni<AssistanceGroup> visibleGroup(Caller caller, UUID groupId) {
        return groups.findVisible(caller, groupId);
    }

    /** The group's leader writes its report; members see it but may not change it. */
    private Uni<AssistanceGroup> ledGroup(Caller caller, UUID groupId) {
        return visibleGroup(caller, groupId).map(g -> {
            if (!g.leaderId.equals(caller.id())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "只有本组带队领导可以填写和报送月报");
            }
            return g;
        });
    }

    /** The current version, at the version the caller saw, in a state the step starts from. */
    private static Uni<MonthlyReport> live(UUID groupId, YearMonth month, String ifMatch, ReportWorkflow step) {
        String what = step.label();
        return versions(groupId, month).map(all -> {
            if (all.isEmpty()) {
                throw new ApiException(ErrorCode.INVALID_STATE, "该月月报尚未填写，不能" + what);
            }
            MonthlyReport r = all.get(all.size() - 1);
            Preconditions.requireMatch(ifMatch, r.rowVersion);
            if (!step.allowedFrom(r.status)) {
                throw new ApiException(ErrorCode.INVALID_STATE, "月报当前为“" + r.status.label() + "”，不能" + what);
            }
            return r;
        });
    }

    private static Uni<List<MonthlyReport>> versions(UUID groupId, YearMonth month) {
        return MonthlyReport.list("groupId = ?1 and month = ?2 order by version", groupId, month.atDay(1));
    }

    private static Uni<Boolean> firstLate(UUID groupId, YearMonth month) {
        return MonthlyReport.<MonthlyReport>find("groupId = ?1 and month = ?2 and version = 1", groupId, month.atDay(1))
                .firstResult().map(r -> r != null && r.late);
    }

    private MonthlyReport newVersion(UUID groupId, YearMonth month, MonthlyReport previous) {
        MonthlyReport r = new MonthlyReport();
        r.id = UUID.randomUUID();
        r.groupId = groupId;
        r.month = month.atDay(1);
        r.version = previous == null ? 1 : previous.version + 1;
        r.status = ReportStatus.DRAFT;
        r.createdAt = Dates.now(clock);
        return r;
    }

    private Uni<Saved> reread(AssistanceGroup g, YearMonth month, MonthlyReport r, boolean created) {
        return versions(g.id, month).flatMap(all -> view(g, month, r, all)).map(v -> new Saved(v, r.rowVersion, created));
    }

    private Uni<ReportView> notStarted(AssistanceGroup g, YearMonth month) {
        return metrics.month(month).map(f -> new ReportView(null, g.id, g.name, month.toString(), 0,
                ReportStatus.NOT_STARTED, ReportStatus.NOT_STARTED.label(), null, null, null,
                f.group(g.id.toString()).map(PeriodFigures.Row::figures).orElse(Figures.EMPTY), false,
                f.dictionaryVersion(), dueDate(month), false, missing(month, List.of()),
                null, null, null, null, null, List.of()));
    }

    private Uni<ReportView> view(AssistanceGroup g, YearMonth month, MonthlyReport r, List<MonthlyReport> all) {
        boolean frozen = r.figures != null;
        Uni<Figures> figures = frozen ? Uni.createFrom().item(read(r.figures))
                : metrics.month(month).map(f -> f.group(g.id.toString()).map(PeriodFigures.Row::figures).orElse(Figures.EMPTY));
        List<UUID> people = new ArrayList<>();
        if (r.submittedBy != null) {
            people.add(r.submittedBy);
        }
        if (r.reviewedBy != null) {
            people.add(r.reviewedBy);
        }
        List<VersionSummary> versions = all.stream().map(x -> new VersionSummary(x.version, x.status, x.status.label(),
                x.submittedAt, x.late, x.reviewedAt, x.reviewComment)).toList();
        return figures.flatMap(f -> people(people).map(names -> new ReportView(r.id, g.id, g.name, month.toString(),
                r.version, r.status, r.status.label(), r.progress, r.problemsSolved, r.nextPlan, f, frozen,
                frozen ? r.dictionaryVersion : dictionary.version(), dueDate(month), late(all), missing(month, all),
                r.submittedAt, names.get(r.submittedBy), r.reviewedAt, names.get(r.reviewedBy), r.reviewComment,
                versions)));
    }

    /** Late: first submitted after the due day (a report not submitted at all is {@link #missing}). */
    private static boolean late(List<MonthlyReport> all) {
        return all.stream().anyMatch(r -> r.late);
    }

    /** Missing: never submitted, and the due day has passed. */
    private boolean missing(YearMonth month, List<MonthlyReport> all) {
        return Dates.today(clock).isAfter(dueDate(month)) && all.stream().allMatch(r -> r.submittedAt == null);
    }

    private static Uni<Map<UUID, Person>> people(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return Account.<Account>list("id in ?1", ids).map(accounts -> {
            Map<UUID, Person> byId = new HashMap<>();
            accounts.forEach(a -> byId.put(a.id, new Person(a.id, a.displayName)));
            return byId;
        });
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String write(Figures f) {
        try {
            return json.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Figures read(String text) {
        try {
            return json.readValue(text, Figures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frozen report figures are unreadable", e);
        }
    }
}
