package cn.zoufang.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.Department;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.Confirm;
import cn.zoufang.ledger.IssueDtos.Forward;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.Respond;
import cn.zoufang.ledger.IssueSteps.Step;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * What each step of the ledger changes. Whether a step may be taken at all — its states, who, its guards —
 * and whom it notifies is {@link IssueWorkflow}'s table, which {@link IssueSteps} checks first; a method
 * here is only the step's own change and the text its event records.
 */
@ApplicationScoped
@WithSession
public class IssueService {

    private final IssueSteps steps;
    private final IssueQueries queries;
    private final WorkCalendar calendar;
    private final LedgerConfig config;
    private final Clock clock;

    public IssueService(IssueSteps steps, IssueQueries queries, WorkCalendar calendar, LedgerConfig config,
            Clock clock) {
        this.steps = steps;
        this.queries = queries;
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<IssueView> forward(Caller caller, UUID id, String ifMatch, Forward in) {
        return steps.run(caller, id, ifMatch, IssueAction.FORWARD, c -> requireDepartments(in)
                .chain(() -> deadlineFromToday(c.issue())).flatMap(deadline -> {
                    Issue i = c.issue();
                    LocalDate today = Dates.today(clock);
                    // The clock starts now, at forwarding, not when the department notices.
                    i.leadDepartmentId = in.leadDepartmentId();
                    i.forwardedAt = Dates.now(clock);
                    i.newDeadline(deadline);
                    i.status = IssueStatus.FORWARDED;
                    // Each assisting department's opinion is due before the lead's answer can use it.
                    LocalDate opinionDue = calendar.days().plus(today, config.opinionWorkingDays());
                    LocalDate due = opinionDue.isAfter(i.dueDate) ? i.dueDate : opinionDue;
                    Set<UUID> assists = new LinkedHashSet<>(in.assistingDepartmentIds() == null ? List.of()
                            : in.assistingDepartmentIds());
                    assists.remove(in.leadDepartmentId());
                    return IssueAssist.delete("issueId", i.id)
                            .chain(() -> assists.isEmpty() ? Uni.createFrom().voidItem()
                                    : IssueAssist.persist(assists.stream().map(d -> IssueAssist.of(i.id, d, due)).toList()))
                            .replaceWith(in.note());
                }));
    }

    /**
     * 交办: forwards an issue the caller just registered to the department a meeting named, with the meeting's
     * deadline rather than the category's. Runs in the caller's transaction; the table's forward rule applies.
     */
    public Uni<IssueView> assign(Caller caller, UUID id, UUID departmentId, LocalDate deadline, String note) {
        return steps.run(caller, id, "*", IssueAction.FORWARD, c -> {
            Issue i = c.issue();
            i.leadDepartmentId = departmentId;
            i.forwardedAt = Dates.now(clock);
            i.newDeadline(deadline);
            i.status = IssueStatus.FORWARDED;
            return Uni.createFrom().item(note);
        });
    }

    @WithTransaction
    public Uni<IssueView> accept(Caller caller, UUID id, String ifMatch, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.ACCEPT, c -> {
            c.issue().status = IssueStatus.IN_PROGRESS;
            return Uni.createFrom().item(note);
        });
    }

    @WithTransaction
    public Uni<IssueView> returnIssue(Caller caller, UUID id, String ifMatch, String reason) {
        return steps.run(caller, id, ifMatch, IssueAction.RETURN, c -> {
            Issue i = c.issue();
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
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
                    });
        });
    }

    /** 阶段性答复: progress the enterprise reads; the answer step stays open and the clock keeps running. */
    @WithTransaction
    public Uni<IssueView> interimReply(Caller caller, UUID id, String ifMatch, String text) {
        return steps.run(caller, id, ifMatch, IssueAction.INTERIM_REPLY, c -> Uni.createFrom().item(text.trim()));
    }

    /** 协办意见: the assisting department's one opinion, for the lead department. */
    @WithTransaction
    public Uni<IssueView> assistOpinion(Caller caller, UUID id, String ifMatch, String opinion) {
        return steps.run(caller, id, ifMatch, IssueAction.ASSIST_OPINION, c -> {
            c.ownAssist().opinion = opinion.trim();
            c.ownAssist().opinionAt = Dates.now(clock);
            return Uni.createFrom().item(opinion.trim());
        });
    }

    /** The department waits for the enterprise: the deadline stands still from today. */
    @WithTransaction
    public Uni<IssueView> pause(Caller caller, UUID id, String ifMatch, String reason) {
        return steps.run(caller, id, ifMatch, IssueAction.PAUSE, c -> {
            c.issue().pausedAt = Dates.now(clock);
            c.issue().status = IssueStatus.WAITING_FOR_ENTERPRISE;
            return Uni.createFrom().item(reason.trim());
        });
    }

    /**
     * The enterprise has answered (or the desk resumes): the deadline moves by the working days after the
     * pause's day up to and including today, so holidays and weekends in between move it not at all.
     */
    @WithTransaction
    public Uni<IssueView> resume(Caller caller, UUID id, String ifMatch, String note) {
        return steps.runSteps(caller, id, ifMatch, IssueAction.RESUME, c -> {
            Issue i = c.issue();
            int days = calendar.days().between(i.pausedAt.atZoneSameInstant(Dates.ZONE).toLocalDate(), Dates.today(clock));
            i.newDeadline(calendar.days().plus(i.dueDate, days));
            i.pausedWorkingDays += days;
            i.pausedAt = null;
            i.status = IssueStatus.IN_PROGRESS;
            String text = withNote("暂停计时 " + days + " 个工作日，新期限 " + i.dueDate, "：", note);
            return Uni.createFrom().item(new Step(IssueAction.RESUME, text, null, days));
        });
    }

    /** The lead department's answer: to the enterprise, or first to the desk when the category says so. */
    @WithTransaction
    public Uni<IssueView> respond(Caller caller, UUID id, String ifMatch, Respond in) {
        return steps.run(caller, id, ifMatch, IssueAction.RESPOND, c -> IssueCategory.<IssueCategory>findById(
                c.issue().categoryCode).map(category -> {
                    Issue i = c.issue();
                    i.response = in.response().trim();
                    i.resolution = in.resolution();
                    i.respondedAt = Dates.now(clock);
                    i.status = category.unifiedFeedback.applies(i.source) ? IssueStatus.AWAITING_RELEASE
                            : IssueStatus.RESPONDED;
                    return i.response;
                }));
    }

    /** 统一反馈: the desk releases the answer; the enterprise's time to rate it starts now. */
    @WithTransaction
    public Uni<IssueView> release(Caller caller, UUID id, String ifMatch, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.RELEASE, c -> {
            Issue i = c.issue();
            i.respondedAt = Dates.now(clock);
            i.status = IssueStatus.RESPONDED;
            // The enterprise reads the answer itself in this step, the first it sees of it.
            return Uni.createFrom().item(withNote(i.response, "\n", note));
        });
    }

    /** The desk sends the answer back with its comment; the department's deadline stands. */
    @WithTransaction
    public Uni<IssueView> sendBack(Caller caller, UUID id, String ifMatch, String comment) {
        return steps.run(caller, id, ifMatch, IssueAction.SEND_BACK, c -> {
            Issue i = c.issue();
            i.response = null;
            i.resolution = null;
            i.respondedAt = null;
            i.status = IssueStatus.IN_PROGRESS;
            return Uni.createFrom().item(comment.trim());
        });
    }

    /** The enterprise rates the answer: satisfied → awaiting close-out; not satisfied → reopened with a new deadline. */
    @WithTransaction
    public Uni<IssueView> confirm(Caller caller, UUID id, String ifMatch, Confirm in) {
        return steps.runSteps(caller, id, ifMatch, IssueAction.CONFIRM, c -> {
            Issue i = c.issue();
            i.rating = in.rating();
            i.satisfied = in.satisfied();
            i.confirmedAt = Dates.now(clock);
            String text = withNote((in.satisfied() ? "满意" : "不满意") + "，评分 " + in.rating(), "：", in.comment());
            if (in.satisfied()) {
                i.status = IssueStatus.SATISFIED;
                return Uni.createFrom().item(new Step(IssueAction.CONFIRM, text));
            }
            // Two events: the rating (the issue still answered), then the reopening (重办) it causes.
            // The rating's is built now, with the answered state, and written after the issue's row.
            IssueEvent rated = steps.newEvent(caller, i, IssueAction.CONFIRM, i.status, text, false);
            return deadlineFromToday(i).map(deadline -> {
                i.status = IssueStatus.IN_PROGRESS;
                i.newDeadline(deadline);
                return new Step(IssueAction.REOPEN, "企业不满意，重新办理", rated, null);
            });
        });
    }

    @WithTransaction
    public Uni<IssueView> closeOut(Caller caller, UUID id, String ifMatch, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.CLOSE_OUT, c -> {
            Issue i = c.issue();
            close(i, i.resolution == Resolution.EXPLAINED ? CloseReason.EXPLAINED : CloseReason.RESOLVED);
            return Uni.createFrom().item(note);
        });
    }

    /** The enterprise takes back its own request, before it is answered. */
    @WithTransaction
    public Uni<IssueView> withdraw(Caller caller, UUID id, String ifMatch, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.WITHDRAW, c -> {
            close(c.issue(), CloseReason.WITHDRAWN);
            return Uni.createFrom().item(note);
        });
    }

    /** The lead department asks for more time, before the deadline passes (延期). */
    @WithTransaction
    public Uni<IssueView> requestExtension(Caller caller, UUID id, String ifMatch, int workingDays, String reason) {
        return steps.run(caller, id, ifMatch, IssueAction.REQUEST_EXTENSION, c -> {
            Issue i = c.issue();
            i.extensionRequestedDays = workingDays;
            i.extensionReason = reason.trim();
            return Uni.createFrom().item("申请延期 " + workingDays + " 个工作日：" + i.extensionReason);
        });
    }

    /** The office approves (the deadline moves by the days asked) or refuses a pending extension. */
    @WithTransaction
    public Uni<IssueView> decideExtension(Caller caller, UUID id, String ifMatch, boolean approved, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.DECIDE_EXTENSION, c -> {
            Issue i = c.issue();
            int days = i.extensionRequestedDays;
            if (approved) {
                i.newDeadline(calendar.days().plus(i.dueDate, days));
            }
            i.extensionRequestedDays = null;
            i.extensionReason = null;
            String text = withNote(approved ? "同意延期 " + days + " 个工作日，新期限 " + i.dueDate : "不同意延期", "：", note);
            return Uni.createFrom().item(text);
        });
    }

    /** 督办: the office marks an open issue and writes what it wants done. */
    @WithTransaction
    public Uni<IssueView> supervise(Caller caller, UUID id, String ifMatch, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.SUPERVISE, c -> {
            c.issue().supervised = true;
            c.issue().supervisionNote = note.trim();
            return Uni.createFrom().item(note.trim());
        });
    }

    /** The desk or the office links a repeated request to its original and closes it as a duplicate. */
    @WithTransaction
    public Uni<IssueView> markDuplicate(Caller caller, UUID id, String ifMatch, UUID originalId, String note) {
        return steps.run(caller, id, ifMatch, IssueAction.MARK_DUPLICATE, c -> queries.findVisible(caller, originalId)
                .onFailure().transform(f -> ApiException.invalidField("originalId", FieldCode.INVALID, "原诉求不存在"))
                .map(original -> {
                    Issue i = c.issue();
                    if (original.id.equals(i.id) || !original.enterpriseId.equals(i.enterpriseId)
                            || original.closeReason == CloseReason.DUPLICATE) {
                        throw ApiException.invalidField("originalId", FieldCode.INVALID,
                                "原诉求须为同一企业的另一条、且本身不是重复诉求");
                    }
                    i.duplicateOf = original.id;
                    close(i, CloseReason.DUPLICATE);
                    return withNote("与诉求 " + original.ledgerNo + " 重复，合并办理", "：", note);
                }));
    }

    /** The enterprise has not rated the answer in time: the office closes it out, and says why. */
    @WithTransaction
    public Uni<IssueView> closeWithoutConfirmation(Caller caller, UUID id, String ifMatch, String reason) {
        return steps.run(caller, id, ifMatch, IssueAction.CLOSE_WITHOUT_CONFIRMATION, c -> {
            close(c.issue(), CloseReason.CLOSED_WITHOUT_CONFIRMATION);
            return Uni.createFrom().item(reason.trim());
        });
    }

    /** The category's deadline counted from today (at forwarding, and at a reopening). */
    private Uni<LocalDate> deadlineFromToday(Issue i) {
        return IssueCategory.<IssueCategory>findById(i.categoryCode)
                .map(category -> calendar.days().plus(Dates.today(clock), category.deadlineDays(i.urgent)));
    }

    /** An event's text with the caller's optional note after it. */
    private static String withNote(String text, String separator, String note) {
        return note == null || note.isBlank() ? text : text + separator + note.trim();
    }

    private void close(Issue i, CloseReason reason) {
        i.closeReason = reason;
        i.closedAt = Dates.now(clock);
        i.pausedAt = null;
        i.status = IssueStatus.CLOSED;
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
}
