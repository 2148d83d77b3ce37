package cn.zoufang.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Assignment;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.Confirm;
import cn.zoufang.ledger.IssueDtos.Forward;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.NewIssue;
import cn.zoufang.ledger.IssueDtos.Ref;
import cn.zoufang.ledger.IssueDtos.Respond;
import cn.zoufang.ledger.IssueDtos.TimelineEntry;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.ApiException;
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
 * The ledger's workflow. Every action checks, in this order: the issue is in the caller's scope (else
 * 404), the caller's part in it and the issue's state allow the action (else 409 INVALID_TRANSITION),
 * and If-Match (428/412); then it changes the issue and appends one event, in one transaction.
 */
@ApplicationScoped
@WithSession
public class IssueService {

    private final Scope scope;
    private final EnterpriseService enterprises;
    private final WorkCalendar calendar;
    private final LedgerConfig config;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Notifier notifier;

    private final Clock clock;

    private final VisitService visits;

    public IssueService(Scope scope, EnterpriseService enterprises, VisitService visits, WorkCalendar calendar,
            LedgerConfig config, AuditLog audit, Vertx vertx, Notifier notifier, Clock clock) {
        this.clock = clock;
        this.visits = visits;
        this.vertx = vertx;
        this.notifier = notifier;
        this.scope = scope;
        this.enterprises = enterprises;
        this.calendar = calendar;
        this.config = config;
        this.audit = audit;
    }

    private static final Set<IssueStatus> OPEN = EnumSet.complementOf(EnumSet.of(IssueStatus.CLOSED));

    public record Created(IssueView view, boolean isNew) {
    }

    public record Filter(IssueStatus status, Stage stage, UUID enterpriseId, UUID groupId, UUID departmentId,
            String category, IssueSource source, LocalDate from, LocalDate to) {
    }

    // ---- register -------------------------------------------------------------------------------

    @WithTransaction
    public Uni<Created> register(Caller caller, NewIssue in) {
        // Urgency shortens the department's deadline: the desk and the officials judge it, not the enterprise.
        if (in.urgent() && isEnterpriseView(caller)) {
            throw ApiException.invalidField("urgent", FieldCode.INVALID, "加急由企情收处中心或挂点干部判断，企业不能自行标记");
        }
        return Issue.<Issue>findById(in.id()).flatMap(existing -> {
            if (existing != null) {
                if (!existing.registeredBy.equals(caller.id()) || !existing.title.equals(in.title().trim())
                        || !existing.enterpriseId.equals(in.enterpriseId())) {
                    throw new ApiException(ErrorCode.CONFLICT, "该诉求 id 已用于另一条诉求");
                }
                return view(caller, existing).map(v -> new Created(v, false));
            }
            return enterprises.findVisible(caller, in.enterpriseId())
                    .flatMap(e -> IssueCategory.<IssueCategory>findById(in.category()).flatMap(category -> {
                        if (category == null || category.retired) {
                            throw ApiException.invalidField("category", FieldCode.INVALID,
                                    category == null ? "没有这个诉求类别" : "该诉求类别已停用，请选择其他类别");
                        }
                        return sourceOf(caller, e, in.visitId());
                    }))
                    .flatMap(source -> assignedGroup(in.enterpriseId()).flatMap(groupId -> nextLedgerNo().flatMap(no -> {
                        OffsetDateTime now = Dates.now(clock);
                        Issue issue = new Issue();
                        issue.id = in.id();
                        issue.ledgerNo = no;
                        issue.enterpriseId = in.enterpriseId();
                        issue.source = source;
                        issue.visitId = source == IssueSource.VISIT ? in.visitId() : null;
                        issue.categoryCode = in.category();
                        issue.urgent = in.urgent();
                        issue.title = in.title().trim();
                        issue.description = in.description().trim();
                        issue.status = IssueStatus.REGISTERED;
                        issue.registeredBy = caller.id();
                        issue.groupId = groupId;
                        issue.createdAt = now;
                        issue.updatedAt = now;
                        return issue.persist()
                                .chain(() -> event(caller, issue, IssueAction.REGISTER, null, issue.description, false))
                                .chain(() -> audit.record(Entry.by(caller, "ISSUE_REGISTER", "ISSUE", issue.id)
                                        .detail(issue.ledgerNo)))
                                .chain(() -> view(caller, issue))
                                .map(v -> new Created(v, true));
                    })));
        });
    }

    /** The group assigned the enterprise today, if any: the issue counts for it in monthly reports. */
    private Uni<UUID> assignedGroup(UUID enterpriseId) {
        return Assignment.<Assignment>find("enterpriseId = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2)",
                enterpriseId, Dates.today(clock)).firstResult().map(a -> a == null ? null : a.groupId);
    }

    /** Where the issue comes from follows who registers it: the enterprise, the desk, or a visit. */
    private Uni<IssueSource> sourceOf(Caller caller, Enterprise e, UUID visitId) {
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            return Uni.createFrom().item(IssueSource.ENTERPRISE);
        }
        if (caller.hasAny(Role.ENTERPRISE_DESK)) {
            return Uni.createFrom().item(IssueSource.DESK);
        }
        if (visitId == null) {
            return Uni.createFrom().item(IssueSource.VISIT);
        }
        // Only a visit the caller may see: another group's visit is as unknown here as anywhere.
        ApiException unknownVisit = ApiException.invalidField("visitId", FieldCode.INVALID, "走访记录不存在或不是对该企业的走访");
        return visits.findVisible(caller, visitId)
                .onFailure(f -> f instanceof ApiException a && a.code() == ErrorCode.NOT_FOUND).transform(f -> unknownVisit)
                .map(v -> {
                    if (!v.enterpriseId.equals(e.id)) {
                        throw unknownVisit;
                    }
                    return IssueSource.VISIT;
                });
    }

    /** 2026-000123: a per-year counter incremented atomically in the database, safe across replicas. */
    private Uni<String> nextLedgerNo() {
        int year = Dates.today(clock).getYear();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into ledger_counter (year, last_value) values (:year, 1)
                on conflict (year) do update set last_value = ledger_counter.last_value + 1
                returning last_value""", Integer.class).setParameter("year", year).getSingleResult())
                .map(n -> String.format("%d-%06d", year, n));
    }

    // ---- actions ----------------------------------------------------------------------------------

    @WithTransaction
    public Uni<IssueView> forward(Caller caller, UUID id, String ifMatch, Forward in) {
        return act(caller, id, ifMatch, IssueAction.FORWARD, EnumSet.of(IssueStatus.REGISTERED, IssueStatus.RETURNED),
                i -> caller.hasAny(Role.ENTERPRISE_DESK, Role.OFFICE, Role.OFFICIAL, Role.GROUP_LEADER)
                        ? Uni.createFrom().item(true) : Uni.createFrom().item(false),
                i -> requireDepartments(in).chain(() -> IssueCategory.<IssueCategory>findById(i.categoryCode))
                        .flatMap(category -> {
                            // The clock starts now, at forwarding, not when the department notices.
                            i.leadDepartmentId = in.leadDepartmentId();
                            i.forwardedAt = Dates.now(clock);
                            i.dueDate = calendar.days().plus(Dates.today(clock), category.deadlineDays(i.urgent));
                        i.notifiedStage = null; // a new deadline starts the ladder again
                            i.status = IssueStatus.FORWARDED;
                            Set<UUID> assists = new LinkedHashSet<>(in.assistingDepartmentIds() == null ? List.of()
                                    : in.assistingDepartmentIds());
                            assists.remove(in.leadDepartmentId());
                            return IssueAssist.delete("issueId", i.id)
                                    .chain(() -> assists.isEmpty() ? Uni.createFrom().voidItem()
                                            : IssueAssist.persist(assists.stream().map(d -> IssueAssist.of(i.id, d)).toList()))
                                    .replaceWith(in.note());
                        }), true);
    }

    @WithTransaction
    public Uni<IssueView> accept(Caller caller, UUID id, String ifMatch, String note) {
        return act(caller, id, ifMatch, IssueAction.ACCEPT, EnumSet.of(IssueStatus.FORWARDED),
                i -> leadsIt(caller, i),
                i -> {
                    i.status = IssueStatus.IN_PROGRESS;
                    return Uni.createFrom().item(note);
                }, true);
    }

    @WithTransaction
    public Uni<IssueView> returnIssue(Caller caller, UUID id, String ifMatch, String reason) {
        return act(caller, id, ifMatch, IssueAction.RETURN, EnumSet.of(IssueStatus.FORWARDED),
                i -> leadsIt(caller, i).flatMap(leads -> !leads ? Uni.createFrom().item(false)
                        : returnedBefore(i.id, i.leadDepartmentId).map(before -> !before
                                // Within one working day of forwarding, and once per department.
                                && calendar.days().between(i.forwardedAt.atZoneSameInstant(Dates.ZONE).toLocalDate(),
                                        Dates.today(clock)) <= 1)),
                i -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into issue_return (issue_id, department_id, returned_at, reason)
                        values (:issue, :department, now(), :reason)""")
                        .setParameter("issue", i.id).setParameter("department", i.leadDepartmentId)
                        .setParameter("reason", reason.trim()).executeUpdate())
                        .chain(() -> IssueAssist.delete("issueId", i.id))
                        .map(x -> {
                            // Back to the desk, which forwards again; the department no longer sees it.
                            i.leadDepartmentId = null;
                            i.forwardedAt = null;
                            i.dueDate = null;
                            i.status = IssueStatus.RETURNED;
                            return reason.trim();
                        }), true);
    }

    @WithTransaction
    public Uni<IssueView> respond(Caller caller, UUID id, String ifMatch, Respond in) {
        return act(caller, id, ifMatch, IssueAction.RESPOND, EnumSet.of(IssueStatus.IN_PROGRESS),
                i -> leadsIt(caller, i),
                i -> {
                    i.response = in.response().trim();
                    i.resolution = in.resolution();
                    i.respondedAt = Dates.now(clock);
                    i.status = IssueStatus.RESPONDED;
                    return Uni.createFrom().item(i.response);
                }, false);
    }

    /** The enterprise rates the answer: satisfied → awaiting close-out; not satisfied → reopened with a new deadline. */
    @WithTransaction
    public Uni<IssueView> confirm(Caller caller, UUID id, String ifMatch, Confirm in) {
        return step(caller, id, ifMatch, IssueAction.CONFIRM, EnumSet.of(IssueStatus.RESPONDED),
                i -> Uni.createFrom().item(caller.hasAny(Role.ENTERPRISE_CONTACT)),
                i -> {
                    i.rating = in.rating();
                    i.satisfied = in.satisfied();
                    i.confirmedAt = Dates.now(clock);
                    String text = (in.satisfied() ? "满意" : "不满意") + "，评分 " + in.rating()
                            + (in.comment() == null || in.comment().isBlank() ? "" : "：" + in.comment().trim());
                    if (in.satisfied()) {
                        i.status = IssueStatus.SATISFIED;
                        return Uni.createFrom().item(new Step(IssueAction.CONFIRM, text));
                    }
                    // Two events: the rating (the issue still answered), then the reopening (重办) it causes.
                    // The rating's is built now, with the answered state, and written after the issue's row.
                    IssueEvent rated = newEvent(caller, i, IssueAction.CONFIRM, i.status, text, false);
                    return IssueCategory.<IssueCategory>findById(i.categoryCode).map(category -> {
                        i.status = IssueStatus.IN_PROGRESS;
                        i.dueDate = calendar.days().plus(Dates.today(clock), category.deadlineDays(i.urgent));
                        i.notifiedStage = null; // a new deadline starts the ladder again
                        return new Step(IssueAction.REOPEN, "企业不满意，重新办理", rated);
                    });
                }, false);
    }

    @WithTransaction
    public Uni<IssueView> closeOut(Caller caller, UUID id, String ifMatch, String note) {
        return act(caller, id, ifMatch, IssueAction.CLOSE_OUT, EnumSet.of(IssueStatus.SATISFIED),
                i -> Uni.createFrom().item(caller.hasAny(Role.ENTERPRISE_DESK, Role.OFFICE, Role.OFFICIAL, Role.GROUP_LEADER)),
                i -> {
                    i.closeReason = i.resolution == Resolution.EXPLAINED ? CloseReason.EXPLAINED : CloseReason.RESOLVED;
                    i.closedAt = Dates.now(clock);
                    i.status = IssueStatus.CLOSED;
                    return Uni.createFrom().item(note);
                }, false);
    }

    /** The enterprise takes back its own request, before it is answered. */
    @WithTransaction
    public Uni<IssueView> withdraw(Caller caller, UUID id, String ifMatch, String note) {
        return act(caller, id, ifMatch, IssueAction.WITHDRAW,
                EnumSet.of(IssueStatus.REGISTERED, IssueStatus.FORWARDED, IssueStatus.RETURNED, IssueStatus.IN_PROGRESS),
                i -> Uni.createFrom().item(caller.hasAny(Role.ENTERPRISE_CONTACT)),
                i -> {
                    i.closeReason = CloseReason.WITHDRAWN;
                    i.closedAt = Dates.now(clock);
                    i.status = IssueStatus.CLOSED;
                    return Uni.createFrom().item(note);
                }, false);
    }

    /** The lead department asks for more time, before the deadline passes (延期). */
    @WithTransaction
    public Uni<IssueView> requestExtension(Caller caller, UUID id, String ifMatch, int workingDays, String reason) {
        return act(caller, id, ifMatch, IssueAction.REQUEST_EXTENSION, Deadlines.RUNNING,
                i -> leadsIt(caller, i).map(leads -> leads && i.extensionRequestedDays == null
                        && !Dates.today(clock).isAfter(i.dueDate)),
                i -> {
                    i.extensionRequestedDays = workingDays;
                    i.extensionReason = reason.trim();
                    return Uni.createFrom().item("申请延期 " + workingDays + " 个工作日：" + i.extensionReason);
                }, true);
    }

    /** The office approves (the deadline moves by the days asked) or refuses a pending extension. */
    @WithTransaction
    public Uni<IssueView> decideExtension(Caller caller, UUID id, String ifMatch, boolean approved, String note) {
        return act(caller, id, ifMatch, IssueAction.DECIDE_EXTENSION, Deadlines.RUNNING,
                i -> Uni.createFrom().item(caller.hasAny(Role.OFFICE) && i.extensionRequestedDays != null),
                i -> {
                    int days = i.extensionRequestedDays;
                    if (approved) {
                        i.dueDate = calendar.days().plus(i.dueDate, days);
                        i.notifiedStage = null;
                    }
                    i.extensionRequestedDays = null;
                    i.extensionReason = null;
                    String text = (approved ? "同意延期 " + days + " 个工作日，新期限 " + i.dueDate : "不同意延期")
                            + (note == null || note.isBlank() ? "" : "：" + note.trim());
                    return Uni.createFrom().item(text);
                }, true);
    }

    /** 督办: the office marks an open issue and writes what it wants done. */
    @WithTransaction
    public Uni<IssueView> supervise(Caller caller, UUID id, String ifMatch, String note) {
        return act(caller, id, ifMatch, IssueAction.SUPERVISE, OPEN,
                i -> Uni.createFrom().item(caller.hasAny(Role.OFFICE)),
                i -> {
                    i.supervised = true;
                    i.supervisionNote = note.trim();
                    return Uni.createFrom().item(i.supervisionNote);
                }, true);
    }

    /** The desk or the office links a repeated request to its original and closes it as a duplicate. */
    @WithTransaction
    public Uni<IssueView> markDuplicate(Caller caller, UUID id, String ifMatch, UUID originalId, String note) {
        return act(caller, id, ifMatch, IssueAction.MARK_DUPLICATE,
                EnumSet.of(IssueStatus.REGISTERED, IssueStatus.RETURNED, IssueStatus.FORWARDED, IssueStatus.IN_PROGRESS),
                i -> Uni.createFrom().item(caller.hasAny(Role.ENTERPRISE_DESK, Role.OFFICE)),
                i -> findVisible(caller, originalId)
                        .onFailure().transform(f -> ApiException.invalidField("originalId", FieldCode.INVALID, "原诉求不存在"))
                        .map(original -> {
                            if (original.id.equals(i.id) || !original.enterpriseId.equals(i.enterpriseId)
                                    || original.closeReason == CloseReason.DUPLICATE) {
                                throw ApiException.invalidField("originalId", FieldCode.INVALID,
                                        "原诉求须为同一企业的另一条、且本身不是重复诉求");
                            }
                            i.duplicateOf = original.id;
                            i.closeReason = CloseReason.DUPLICATE;
                            i.closedAt = Dates.now(clock);
                            i.status = IssueStatus.CLOSED;
                            return "与诉求 " + original.ledgerNo + " 重复，合并办理"
                                    + (note == null || note.isBlank() ? "" : "：" + note.trim());
                        }), false);
    }

    /** The enterprise has not rated the answer in time: the office closes it out, and says why. */
    @WithTransaction
    public Uni<IssueView> closeWithoutConfirmation(Caller caller, UUID id, String ifMatch, String reason) {
        return act(caller, id, ifMatch, IssueAction.CLOSE_WITHOUT_CONFIRMATION, EnumSet.of(IssueStatus.RESPONDED),
                i -> Uni.createFrom().item(caller.hasAny(Role.OFFICE) && calendar.days().between(
                        i.respondedAt.atZoneSameInstant(Dates.ZONE).toLocalDate(), Dates.today(clock))
                        >= config.confirmationWaitWorkingDays()),
                i -> {
                    i.closeReason = CloseReason.CLOSED_WITHOUT_CONFIRMATION;
                    i.closedAt = Dates.now(clock);
                    i.status = IssueStatus.CLOSED;
                    return Uni.createFrom().item(reason.trim());
                }, false);
    }

    /** What a step wrote into the history: its event's action (usually the step's own) and text. */
    /** The event that records a step, and an event recorded just before it (built with the state it held). */
    private record Step(IssueAction event, String text, IssueEvent earlier) {
        Step(IssueAction event, String text) {
            this(event, text, null);
        }
    }

    /** The shared path of every action whose event is the action itself. */
    private Uni<IssueView> act(Caller caller, UUID id, String ifMatch, IssueAction action, Set<IssueStatus> from,
            Function<Issue, Uni<Boolean>> allowed, Function<Issue, Uni<String>> change, boolean internal) {
        return step(caller, id, ifMatch, action, from, allowed, i -> change.apply(i).map(text -> new Step(action, text)),
                internal);
    }

    /**
     * The shared path of every action. {@code allowed} says whether the caller's part in the issue
     * permits it; {@code change} mutates the issue and says which event records it.
     */
    private Uni<IssueView> step(Caller caller, UUID id, String ifMatch, IssueAction action, Set<IssueStatus> from,
            Function<Issue, Uni<Boolean>> allowed, Function<Issue, Uni<Step>> change, boolean internal) {
        // The one order of checks of every workflow (issues, visits, reports): exists in scope, then If-Match
        // (a stale replay is 412 whatever the step), then the step from this state — where the caller's part
        // is judged only for states in which the action exists at all.
        return findVisible(caller, id).invoke(i -> Preconditions.requireMatch(ifMatch, i.version))
                .flatMap(i -> (from.contains(i.status) ? allowed.apply(i) : Uni.createFrom().item(false)).flatMap(ok -> {
            if (!ok) {
                throw new ApiException(ErrorCode.INVALID_TRANSITION, "诉求当前为“" + i.status.label() + "”，不能"
                        + action.label());
            }
            IssueStatus before = i.status;
            return change.apply(i).flatMap(step -> {
                i.updatedAt = Dates.now(clock);
                // The issue's row first, then its events: an event's foreign key locks the issue's row too, and
                // two actions that each held that lock before updating the row deadlocked instead of one
                // getting 412.
                return Panache.flush()
                        .chain(() -> step.earlier() == null ? Uni.createFrom().voidItem()
                                : step.earlier().persist().replaceWithVoid())
                        .chain(() -> event(caller, i, step.event(), before, step.text(), internal))
                        .chain(() -> Panache.flush())
                        .chain(() -> notifyFor(caller, step.event(), i))
                        .chain(() -> audit.record(Entry.by(caller, "ISSUE_" + action.name(), "ISSUE", i.id)))
                        .chain(() -> view(caller, i));
            });
        }));
    }

    /** An accepted photo enters the issue's history; called inside the transaction that accepts it. */
    public Uni<Void> photoAdded(Caller caller, UUID issueId, UUID photoId) {
        return Issue.<Issue>findById(issueId).flatMap(i -> {
            IssueEvent e = newEvent(caller, i, IssueAction.ADD_PHOTO, i.status, null, false);
            e.photoId = photoId;
            return e.persist().replaceWithVoid();
        });
    }

    /** Who hears of a step, in the step's own transaction (the actor is not told of their own act). */
    private Uni<Void> notifyFor(Caller caller, IssueAction action, Issue i) {
        Uni<List<UUID>> recipients;
        NotificationType type;
        boolean urgent = false;
        switch (action) {
            case FORWARD -> {
                recipients = notifier.departmentHandlers(i.leadDepartmentId);
                type = NotificationType.ISSUE_FORWARDED;
            }
            case RETURN -> {
                recipients = notifier.withRole(Role.ENTERPRISE_DESK);
                type = NotificationType.ISSUE_RETURNED;
            }
            case RESPOND -> {
                recipients = both(notifier.enterpriseContacts(i.enterpriseId), notifier.groupOf(i.enterpriseId, false));
                type = NotificationType.ISSUE_ANSWERED;
            }
            case REOPEN -> {
                recipients = both(notifier.departmentHandlers(i.leadDepartmentId), notifier.withRole(Role.OFFICE));
                type = NotificationType.ISSUE_REOPENED;
            }
            case DECIDE_EXTENSION -> {
                recipients = notifier.departmentHandlers(i.leadDepartmentId);
                type = NotificationType.EXTENSION_DECIDED;
            }
            case SUPERVISE -> {
                recipients = both(notifier.departmentHandlers(i.leadDepartmentId), notifier.groupOf(i.enterpriseId, true));
                type = NotificationType.ISSUE_SUPERVISED;
                urgent = true;
            }
            case CLOSE_OUT, CLOSE_WITHOUT_CONFIRMATION, MARK_DUPLICATE -> {
                recipients = notifier.enterpriseContacts(i.enterpriseId);
                type = NotificationType.ISSUE_CLOSED;
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
        boolean isUrgent = urgent;
        return recipients.flatMap(r -> notifier.notify(r.stream().filter(a -> !a.equals(caller.id())).toList(),
                type, i.id, isUrgent));
    }

    private static Uni<List<UUID>> both(Uni<List<UUID>> a, Uni<List<UUID>> b) {
        // One after the other: a reactive session runs one query at a time.
        return a.flatMap(x -> b.map(y -> {
            List<UUID> all = new ArrayList<>(x);
            all.addAll(y);
            return all;
        }));
    }

    private Uni<Void> event(Caller caller, Issue i, IssueAction action, IssueStatus from, String text, boolean internal) {
        return newEvent(caller, i, action, from, text, internal).persist().replaceWithVoid();
    }

    private IssueEvent newEvent(Caller caller, Issue i, IssueAction action, IssueStatus from, String text,
            boolean internal) {
        IssueEvent e = new IssueEvent();
        e.issueId = i.id;
        e.occurredAt = Dates.now(clock);
        // What held right after the step, so that reports can read any month's end from history alone.
        e.dueDate = i.dueDate;
        if (action == IssueAction.RESPOND || i.status == IssueStatus.CLOSED) {
            e.elapsedWorkingDays = calendar.days().between(i.createdAt.atZoneSameInstant(Dates.ZONE).toLocalDate(),
                    e.occurredAt.atZoneSameInstant(Dates.ZONE).toLocalDate());
        }
        if (action == IssueAction.CONFIRM) {
            e.rating = i.rating;
            e.satisfied = i.satisfied;
        }
        e.actorId = caller.id();
        e.actorRoles = caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        e.action = action;
        e.fromStatus = from;
        e.toStatus = i.status;
        e.text = text == null || text.isBlank() ? null : text.trim();
        e.internal = internal;
        return e;
    }

    private static Uni<Boolean> leadsIt(Caller caller, Issue i) {
        if (!caller.hasAny(Role.DEPARTMENT_HANDLER) || i.leadDepartmentId == null) {
            return Uni.createFrom().item(false);
        }
        return Account.<Account>findById(caller.id()).map(a -> i.leadDepartmentId.equals(a.departmentId));
    }

    private static Uni<Boolean> returnedBefore(UUID issueId, UUID departmentId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from issue_return where issue_id = :i and department_id = :d", Long.class)
                .setParameter("i", issueId).setParameter("d", departmentId).getSingleResult())
                .map(n -> n > 0);
    }

    private static Uni<Void> requireDepartments(Forward in) {
        List<UUID> ids = new ArrayList<>();
        ids.add(in.leadDepartmentId());
        if (in.assistingDepartmentIds() != null) {
            ids.addAll(in.assistingDepartmentIds());
        }
        return Department.<Department>list("id in ?1", ids).map(found -> {
            Set<UUID> known = found.stream().map(d -> d.id).collect(Collectors.toSet());
            if (!known.contains(in.leadDepartmentId())) {
                throw ApiException.invalidField("leadDepartmentId", FieldCode.INVALID, "没有这个责任单位");
            }
            for (int k = 1; k < ids.size(); k++) {
                if (!known.contains(ids.get(k))) {
                    throw ApiException.invalidField("assistingDepartmentIds[" + (k - 1) + "]",
                            FieldCode.INVALID, "没有这个责任单位");
                }
            }
            return null;
        });
    }

    // ---- reading ----------------------------------------------------------------------------------

    public Uni<Issue> findVisible(Caller caller, UUID id) {
        Scope.Clause visible = scope.issues(caller, "i");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return Issue.<Issue>find("from Issue i where i.id = :id and " + visible.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("诉求"));
    }

    public Uni<IssueView> get(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(i -> view(caller, i));
    }

    public Uni<Page<IssueView>> list(Caller caller, Filter f, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        StringBuilder hql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        where(caller, f, hql, params);
        if (cursor != null) {
            hql.append(" and (i.createdAt < :afterAt or (i.createdAt = :afterAt and i.id < :afterId))");
            params.put("afterAt", cursor.time(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by i.createdAt desc, i.id desc");
        // The page's ids in a subquery, then their rows: for an official's ledger the ids come from the
        // (enterprise, created, id) index alone, instead of reading every issue of the group's enterprises to
        // sort them. limit is a validated int, so it can be written into the query.
        return Issue.<Issue>find("select o from Issue o where o.id in (select i.id " + hql + " limit " + (limit + 1)
                + ") order by o.createdAt desc, o.id desc", params).list()
                .flatMap(rows -> views(caller, rows.subList(0, Math.min(limit, rows.size())))
                        .map(views -> {
                            Map<UUID, IssueView> byId = views.stream().collect(Collectors.toMap(IssueView::id, v -> v));
                            return Page.of(rows, limit, i -> byId.get(i.id),
                                    i -> Cursor.of(i.createdAt.toString(), i.id.toString()));
                        }));
    }

    /** The ledger query for a caller and a filter: scope first, then every filter given. */
    private void where(Caller caller, Filter f, StringBuilder hql, Map<String, Object> params) {
        Scope.Clause visible = scope.issues(caller, "i");
        hql.append("from Issue i where ").append(visible.hql());
        visible.into(params);
        if (f.status() != null) {
            hql.append(" and i.status = :status");
            params.put("status", f.status());
        }
        if (f.stage() != null) {
            stageCondition(f.stage(), hql, params);
        }
        if (f.enterpriseId() != null) {
            hql.append(" and i.enterpriseId = :enterpriseId");
            params.put("enterpriseId", f.enterpriseId());
        }
        if (f.groupId() != null) {
            // The group's enterprises as assigned today.
            hql.append(" and i.enterpriseId in (select a.enterpriseId from Assignment a where a.groupId = :groupId"
                    + " and a.startDate <= :groupDay and (a.endDate is null or a.endDate >= :groupDay))");
            params.put("groupId", f.groupId());
            params.put("groupDay", Dates.today(clock));
        }
        if (f.departmentId() != null) {
            hql.append(" and (i.leadDepartmentId = :departmentId or i.id in (select x.issueId from IssueAssist x"
                    + " where x.departmentId = :departmentId))");
            params.put("departmentId", f.departmentId());
        }
        if (f.category() != null) {
            hql.append(" and i.categoryCode = :category");
            params.put("category", f.category());
        }
        if (f.source() != null) {
            hql.append(" and i.source = :source");
            params.put("source", f.source());
        }
        if (f.from() != null) {
            hql.append(" and i.createdAt >= :from");
            params.put("from", f.from().atStartOfDay(Dates.ZONE).toOffsetDateTime());
        }
        if (f.to() != null) {
            hql.append(" and i.createdAt < :to");
            params.put("to", f.to().plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime());
        }
    }

    /** The filtered ledger (newest first, at most {@link LedgerWorkbook#MAX_ROWS}) as an XLSX workbook. */
    public Uni<byte[]> export(Caller caller, Filter f) {
        StringBuilder hql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        where(caller, f, hql, params);
        hql.append(" order by i.createdAt desc, i.id desc");
        return Issue.<Issue>find(hql.toString(), params).range(0, LedgerWorkbook.MAX_ROWS - 1).list()
                .call(rows -> audit.personalDataRead(caller, "LEDGER_EXPORT", "ISSUE", null, rows.size() + " 条诉求：" + f))
                .flatMap(rows -> views(caller, rows))
                .flatMap(views -> vertx.executeBlocking(Uni.createFrom().item(() -> LedgerWorkbook.write(views))));
    }

    /** A stage as a range of due dates for today (Deadlines), so the database filters and pages. */
    private void stageCondition(Stage stage, StringBuilder hql, Map<String, Object> params) {
        WorkingDays.StageBounds b = calendar.bounds(Dates.today(clock));
        hql.append(" and ").append(Deadlines.stageHql(stage, "i"));
        params.put("running", Deadlines.RUNNING);
        Map<String, Object> bounds = Map.of("today", b.today(), "supervise", b.supervise(), "horizon", b.horizon());
        Deadlines.parameters(stage).forEach(name -> params.put(name, bounds.get(name)));
    }

    /** The history; the enterprise sees every step that concerns it, but not internal notes or who handled it. */
    public Uni<List<TimelineEntry>> timeline(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(i -> timelines(caller, List.of(i.id))).map(all -> all.get(id));
    }

    /** The histories of several issues the caller sees, with two queries whatever their count. */
    public Uni<Map<UUID, List<TimelineEntry>>> timelines(Caller caller, List<UUID> issueIds) {
        boolean enterpriseView = isEnterpriseView(caller);
        if (issueIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return IssueEvent.<IssueEvent>list("issueId in ?1 order by id", issueIds)
                .flatMap(events -> Account.<Account>list("id in ?1",
                        events.stream().map(e -> e.actorId).collect(Collectors.toSet()))
                        .map(accounts -> {
                            Map<UUID, Account> byId = accounts.stream().collect(Collectors.toMap(a -> a.id, a -> a));
                            Map<UUID, List<TimelineEntry>> byIssue = new HashMap<>();
                            issueIds.forEach(id -> byIssue.put(id, new ArrayList<>()));
                            events.forEach(e -> byIssue.get(e.issueId).add(entry(e, byId.get(e.actorId), enterpriseView)));
                            return byIssue;
                        }));
    }

    /** The enterprise's side of the ledger: no internal notes, no government staff. */
    private static boolean isEnterpriseView(Caller caller) {
        return caller.hasAny(Role.ENTERPRISE_CONTACT) && !caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_DESK,
                Role.OFFICIAL, Role.GROUP_LEADER, Role.DEPARTMENT_HANDLER);
    }

    private static TimelineEntry entry(IssueEvent e, Account actor, boolean enterpriseView) {
        boolean ownSide = actor != null && actor.roles.contains(Role.ENTERPRISE_CONTACT);
        Ref who = enterpriseView && !ownSide ? null : actor == null ? null : new Ref(actor.id, actor.displayName);
        String role = actor == null ? null : ownSide ? Role.ENTERPRISE_CONTACT.label()
                : actor.roles.stream().sorted().findFirst().map(Role::label).orElse(null);
        String text = enterpriseView && e.internal ? null : e.text;
        return new TimelineEntry(e.occurredAt, e.action, e.action.label(), e.fromStatus, e.toStatus, e.toStatus.label(),
                who, role, text, e.photoId);
    }

    public Uni<List<IssueCategory>> categories() {
        return IssueCategory.list("order by sortOrder, code");
    }

    /** The office keeps the catalogue: adds a category or changes one; issues already forwarded keep their deadline. */
    @WithTransaction
    public Uni<IssueCategory> saveCategory(Caller caller, String code, IssueDtos.CategoryInput in) {
        if (!code.matches("^[A-Z][A-Z0-9_]{1,29}$")) {
            throw ApiException.invalidField("code", FieldCode.INVALID, "类别代码应为大写字母、数字和下划线");
        }
        if (in.urgentDeadlineDays() > in.deadlineDays()) {
            throw ApiException.invalidField("urgentDeadlineDays", FieldCode.INVALID, "加急期限不能长于普通期限");
        }
        ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的诉求类别");
        String name = in.name().trim();
        // The name check comes before any change, so that no half-changed category is flushed.
        return IssueCategory.count("name = ?1 and code <> ?2", name, code)
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicate;
                    }
                })
                .chain(() -> IssueCategory.<IssueCategory>findById(code))
                .flatMap(existing -> {
                    IssueCategory c = existing != null ? existing : new IssueCategory();
                    c.code = code;
                    c.name = name;
                    c.deadlineDays = in.deadlineDays();
                    c.urgentDeadlineDays = in.urgentDeadlineDays();
                    c.sortOrder = in.sortOrder();
                    c.retired = Boolean.TRUE.equals(in.retired());
                    return (existing == null ? c.persist() : Uni.createFrom().item(c))
                            .chain(() -> Panache.flush())
                            .onFailure().transform(f -> cn.zoufang.web.Conflicts.translate(f, "issue_category_name_key", duplicate))
                            .chain(() -> audit.record(Entry.by(caller, "ISSUE_CATEGORY_SAVE", "ISSUE_CATEGORY", code)
                                    .detail(c.name + " " + c.deadlineDays + "/" + c.urgentDeadlineDays
                                            + (c.retired ? " retired" : ""))))
                            .replaceWith(c);
                });
    }

    private Uni<IssueView> view(Caller caller, Issue i) {
        return views(caller, List.of(i)).map(list -> list.get(0));
    }

    public Uni<List<IssueView>> views(Caller caller, List<Issue> issues) {
        if (issues.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // The names a page shows (enterprises, categories, lead and assisting departments) in one round trip:
        // a ledger page is read far more often than anything else, and four small queries cost more than one.
        Set<UUID> leads = issues.stream().map(i -> i.leadDepartmentId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select 'A', x.issue_id::text, x.department_id::text, d.name
                  from issue_assist x join department d on d.id = x.department_id where x.issue_id in (:issues)
                union all select 'E', e.id::text, null, e.name from enterprise e where e.id in (:enterprises)
                union all select 'C', c.code, null, c.name from issue_category c where c.code in (:categories)
                union all select 'D', d.id::text, null, d.name from department d where d.id in (:leads)""", Object[].class)
                .setParameter("issues", issues.stream().map(i -> i.id).collect(Collectors.toSet()))
                .setParameter("enterprises", issues.stream().map(i -> i.enterpriseId).collect(Collectors.toSet()))
                .setParameter("categories", issues.stream().map(i -> i.categoryCode).collect(Collectors.toSet()))
                // "in ()" is not SQL: without lead departments, an id that matches nothing.
                .setParameter("leads", leads.isEmpty() ? Set.of(new UUID(0, 0)) : leads)
                .getResultList())
                .map(rows -> {
                    Map<String, String> enterpriseNames = new HashMap<>();
                    Map<String, String> categoryNames = new HashMap<>();
                    Map<String, String> departmentNames = new HashMap<>();
                    Map<UUID, List<Ref>> assistsByIssue = new HashMap<>();
                    for (Object[] r : rows) {
                        String key = (String) r[1];
                        switch ((String) r[0]) {
                            case "A" -> assistsByIssue.computeIfAbsent(UUID.fromString(key), k -> new ArrayList<>())
                                    .add(new Ref(UUID.fromString((String) r[2]), (String) r[3]));
                            case "E" -> enterpriseNames.put(key, (String) r[3]);
                            case "C" -> categoryNames.put(key, (String) r[3]);
                            default -> departmentNames.put(key, (String) r[3]);
                        }
                    }
                    assistsByIssue.values().forEach(list -> list.sort(Comparator.comparing(Ref::name)));
                    LocalDate today = Dates.today(clock);
                    boolean internal = !isEnterpriseView(caller);
                    return issues.stream().map(i -> toView(i, internal, enterpriseNames.get(i.enterpriseId.toString()),
                            categoryNames.get(i.categoryCode),
                            i.leadDepartmentId == null ? null
                                    : new Ref(i.leadDepartmentId, departmentNames.get(i.leadDepartmentId.toString())),
                            assistsByIssue.getOrDefault(i.id, List.of()), today)).toList();
                });
    }

    private IssueView toView(Issue i, boolean internal, String enterpriseName, String categoryName, Ref lead,
            List<Ref> assists, LocalDate today) {
        // Only issues a department is working on run against the clock.
        boolean running = Deadlines.running(i);
        Stage stage = running ? calendar.stage(i.dueDate, today) : null;
        Integer late = running ? calendar.days().daysOverdue(i.dueDate, today) : null;
        return new IssueView(i.id, i.ledgerNo, i.enterpriseId, enterpriseName, i.source, i.source.label(), i.categoryCode,
                categoryName, i.urgent, i.title, i.description, i.status, i.status.label(), lead, assists, i.forwardedAt,
                i.dueDate, stage, stage == null ? null : stage.label(), late, i.response, i.resolution,
                i.resolution == null ? null : i.resolution.label(), i.respondedAt, i.rating, i.satisfied, i.closeReason,
                i.closeReason == null ? null : i.closeReason.label(), i.closedAt, i.duplicateOf, i.supervised,
                internal ? i.supervisionNote : null, internal ? i.extensionRequestedDays : null,
                internal ? i.extensionReason : null, i.createdAt, i.version);
    }
}
