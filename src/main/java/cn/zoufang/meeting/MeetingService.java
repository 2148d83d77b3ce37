package cn.zoufang.meeting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Department;
import cn.zoufang.document.OfficialDocument;
import cn.zoufang.document.OfficialDocument.Body;
import cn.zoufang.document.Texts;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Issue;
import cn.zoufang.ledger.IssueQueries;
import cn.zoufang.ledger.IssueRegistration;
import cn.zoufang.ledger.IssueService;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.meeting.MeetingDtos.Decision;
import cn.zoufang.meeting.MeetingDtos.DecisionInput;
import cn.zoufang.meeting.MeetingDtos.Escalation;
import cn.zoufang.meeting.MeetingDtos.FollowThrough;
import cn.zoufang.meeting.MeetingDtos.Item;
import cn.zoufang.meeting.MeetingDtos.MeetingSummary;
import cn.zoufang.meeting.MeetingDtos.MeetingView;
import cn.zoufang.meeting.MeetingDtos.Minutes;
import cn.zoufang.meeting.MeetingDtos.NewMeeting;
import cn.zoufang.report.Period;
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
 * Decisions as data. The office puts issues on a meeting's agenda; its minutes record the decisions, each
 * registered in the ledger as a 会议交办 item of the decided issue's enterprise and forwarded at once to the
 * department the meeting named, with the meeting's deadline. A decision is followed through when that item
 * was answered on or before its deadline; the 通报 reports the rate of those due in its period.
 */
@ApplicationScoped
@WithSession
public class MeetingService {

    static final String OFFICE = OfficialDocument.LEADING_GROUP_OFFICE;

    private final IssueQueries issues;
    private final IssueRegistration registration;
    private final IssueService ledger;
    private final AuditLog audit;
    private final Clock clock;

    public MeetingService(IssueQueries issues, IssueRegistration registration, IssueService ledger, AuditLog audit,
            Clock clock) {
        this.issues = issues;
        this.registration = registration;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<MeetingView> create(Caller caller, NewMeeting in) {
        Meeting m = new Meeting();
        m.id = UUID.randomUUID();
        m.kind = in.kind();
        m.title = in.title().trim();
        m.heldOn = in.heldOn();
        m.status = Meeting.Status.PLANNED;
        m.createdBy = caller.id();
        m.createdAt = Dates.now(clock);
        return m.persist().chain(() -> Panache.flush())
                .chain(() -> audit.record(Entry.by(caller, "MEETING_CREATE", "MEETING", m.id).detail(m.kind.label() + " " + m.title)))
                .chain(() -> view(m));
    }

    public Uni<List<MeetingSummary>> list(Meeting.Status status) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select m.id, m.kind, m.title, m.held_on, m.status,
                       (select count(*) from meeting_item i where i.meeting_id = m.id),
                       (select count(*) from decision d where d.meeting_id = m.id)
                from meeting m where (cast(:status as varchar) is null or m.status = :status)
                order by m.held_on desc, m.created_at desc limit 200""", Object[].class)
                .setParameter("status", status == null ? null : status.name()).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    Meeting.Kind kind = Meeting.Kind.valueOf((String) r[1]);
                    Meeting.Status st = Meeting.Status.valueOf((String) r[4]);
                    return new MeetingSummary((UUID) r[0], kind, kind.label(), (String) r[2], (LocalDate) r[3], st,
                            st.label(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue());
                }).toList());
    }

    public Uni<MeetingView> get(UUID id) {
        return find(id).flatMap(this::view);
    }

    /** Puts an open issue on a planned meeting's agenda, once. */
    @WithTransaction
    public Uni<MeetingView> escalate(Caller caller, UUID id, Escalation in) {
        return find(id).flatMap(m -> {
            if (m.status != Meeting.Status.PLANNED) {
                throw new ApiException(ErrorCode.INVALID_STATE, "会议已召开，不能再增加议题");
            }
            return issues.findVisible(caller, in.issueId()).flatMap(issue -> {
                if (issue.status == IssueStatus.CLOSED) {
                    throw new ApiException(ErrorCode.INVALID_STATE, "已销号的诉求不能提请会议研究");
                }
                return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into meeting_item (meeting_id, issue_id, reason, escalated_by, escalated_at)
                        values (:m, :issue, :reason, :by, :now) on conflict do nothing""")
                        .setParameter("m", m.id).setParameter("issue", issue.id).setParameter("reason", in.reason().trim())
                        .setParameter("by", caller.id()).setParameter("now", Dates.now(clock)).executeUpdate())
                        .flatMap(n -> {
                            if (n == 0) {
                                throw new ApiException(ErrorCode.CONFLICT, "该诉求已在本次会议的议题中");
                            }
                            return audit.record(Entry.by(caller, "MEETING_ESCALATE", "ISSUE", issue.id)
                                    .detail(m.title + "：" + in.reason().trim()));
                        })
                        .chain(() -> view(m));
            });
        });
    }

    /**
     * Records the minutes and the decisions, once, under If-Match: each decision becomes a ledger item forwarded
     * to its department with its deadline. One bad decision records nothing.
     */
    @WithTransaction
    public Uni<MeetingView> minutes(Caller caller, UUID id, String ifMatch, Minutes in) {
        return find(id).flatMap(m -> {
            Preconditions.requireMatch(ifMatch, m.version);
            if (m.status != Meeting.Status.PLANNED) {
                throw new ApiException(ErrorCode.INVALID_STATE, "会议纪要已录入，不能重复录入");
            }
            if (m.heldOn.isAfter(Dates.today(clock))) {
                throw new ApiException(ErrorCode.INVALID_STATE, "会议尚未召开（" + m.heldOn + "），不能录入纪要");
            }
            return agendaIssues(m.id).flatMap(agenda -> checkDecisions(m, agenda, in.decisions())).chain(() -> {
                Uni<Void> all = Uni.createFrom().voidItem();
                for (DecisionInput d : in.decisions()) {
                    all = all.chain(() -> decide(caller, m, d));
                }
                return all;
            }).chain(() -> {
                m.minutes = in.minutes().trim();
                m.status = Meeting.Status.HELD;
                m.minutedAt = Dates.now(clock);
                return Panache.flush();
            }).chain(() -> audit.record(Entry.by(caller, "MEETING_MINUTES", "MEETING", m.id)
                    .detail(m.title + "：" + in.decisions().size() + " 项决定")))
                    .chain(() -> view(m));
        });
    }

    private Uni<Void> checkDecisions(Meeting m, Set<UUID> agenda, List<DecisionInput> decisions) {
        Set<UUID> departments = new HashSet<>();
        decisions.forEach(d -> departments.add(d.departmentId()));
        return Department.<Department>list("id in ?1 and mergedInto is null", departments).map(found -> {
            Set<UUID> live = new HashSet<>();
            found.forEach(d -> live.add(d.id));
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < decisions.size(); i++) {
                DecisionInput d = decisions.get(i);
                if (!agenda.contains(d.issueId())) {
                    errors.add(new FieldError("decisions[" + i + "].issueId", FieldCode.INVALID, "决定须针对本次会议的议题"));
                }
                if (!live.contains(d.departmentId())) {
                    errors.add(new FieldError("decisions[" + i + "].departmentId", FieldCode.INVALID, "承办单位不存在或已合并"));
                }
                if (d.deadline().isBefore(m.heldOn)) {
                    errors.add(new FieldError("decisions[" + i + "].deadline", FieldCode.RANGE, "办结期限不能早于会议日期"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, errors.get(0).message(), errors);
            }
            return null;
        });
    }

    /** One decision: its ledger item registered and forwarded (交办), then the decision that links them. */
    private Uni<Void> decide(Caller caller, Meeting m, DecisionInput d) {
        String text = d.text().trim();
        String title = "【会议交办】" + (text.length() > 180 ? text.substring(0, 180) + "…" : text);
        return Issue.<Issue>findById(d.issueId()).flatMap(decided -> registration.registerDecision(caller,
                decided.enterpriseId, decided.categoryCode, title, m.kind.label() + "（" + m.title + "，"
                        + Texts.chineseDate(m.heldOn) + "）决定：" + text + "（议题：" + decided.ledgerNo + " " + decided.title + "）"))
                .call(task -> Panache.flush())
                .call(task -> ledger.assign(caller, task.id, d.departmentId(), d.deadline(), m.title + "决定交办"))
                .flatMap(task -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into decision (id, meeting_id, issue_id, text, department_id, deadline, task_issue_id, created_at)
                        values (:id, :m, :issue, :text, :department, :deadline, :task, :now)""")
                        .setParameter("id", UUID.randomUUID()).setParameter("m", m.id).setParameter("issue", d.issueId())
                        .setParameter("text", text).setParameter("department", d.departmentId())
                        .setParameter("deadline", d.deadline()).setParameter("task", task.id)
                        .setParameter("now", Dates.now(clock)).executeUpdate()))
                .replaceWithVoid();
    }

    // ---- follow-through ----------------------------------------------------------------------------

    /** The decision's item answered on or before its deadline, by China date; {@code :asOf} bounds history. */
    private static final String ON_TIME = """
            exists (select 1 from issue_event r where r.issue_id = d.task_issue_id and r.action = 'RESPOND'
                    and r.occurred_at < :asOf and (r.occurred_at at time zone 'Asia/Shanghai')::date <= d.deadline)""";

    /**
     * Decisions due in the period, as of its end (or now while it runs, counting only those already due), and
     * how many were followed through. The 落实率 is on-time over due; null when none fell due.
     */
    public Uni<FollowThrough> followThrough(Period period) {
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime asOf = now.isBefore(period.end()) ? now : period.end();
        LocalDate lastDue = now.isBefore(period.end()) ? Dates.today(clock).minusDays(1) : period.lastDay();
        return due(asOf, period.firstDay(), lastDue).map(due -> {
            long onTime = due.stream().filter(d -> Boolean.TRUE.equals(d.followedThrough())).count();
            return new FollowThrough(period.toString(), period.label(), due.size(), onTime,
                    due.isEmpty() ? null : Math.round(10_000.0 * onTime / due.size()) / 10_000.0,
                    due.stream().filter(d -> !Boolean.TRUE.equals(d.followedThrough())).toList());
        });
    }

    /** Decisions due between {@code first} and {@code last}, each judged with history up to {@code asOf}. */
    private Uni<List<Decision>> due(OffsetDateTime asOf, LocalDate first, LocalDate last) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT.formatted(ON_TIME,
                "d.deadline between :first and :last"), Object[].class)
                .setParameter("asOf", asOf).setParameter("first", first).setParameter("last", last).getResultList())
                .map(rows -> rows.stream().map(r -> decision(r, last.plusDays(1))).toList());
    }

    private static final String SELECT = """
            select d.id, d.issue_id, d.text, d.department_id, dep.name, d.deadline, d.task_issue_id, t.ledger_no,
                   t.status, %s
            from decision d join department dep on dep.id = d.department_id join issue t on t.id = d.task_issue_id
            where %s order by d.deadline, t.ledger_no""";

    // ---- views and documents -----------------------------------------------------------------------

    private Uni<Meeting> find(UUID id) {
        return Meeting.<Meeting>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("会议"));
    }

    private Uni<Set<UUID>> agendaIssues(UUID meetingId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select issue_id from meeting_item where meeting_id = :m", UUID.class).setParameter("m", meetingId)
                .getResultList()).map(HashSet::new);
    }

    private Uni<MeetingView> view(Meeting m) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select i.id, i.ledger_no, i.title, e.name, dep.name, i.status, i.due_date, mi.reason, mi.escalated_at
                from meeting_item mi join issue i on i.id = mi.issue_id join enterprise e on e.id = i.enterprise_id
                left join department dep on dep.id = i.lead_department_id
                where mi.meeting_id = :m order by mi.escalated_at, i.ledger_no""", Object[].class)
                .setParameter("m", m.id).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    IssueStatus status = IssueStatus.valueOf((String) r[5]);
                    return new Item((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], status.name(),
                            status.label(), (LocalDate) r[6], (String) r[7],
                            Dates.inChina((OffsetDateTime) r[8]));
                }).toList())
                .flatMap(items -> decisionsOf(m.id)
                        .map(decisions -> new MeetingView(m.id, m.kind, m.kind.label(), m.title, m.heldOn, m.status,
                                m.status.label(), m.minutes, items, decisions, m.version)));
    }

    private Uni<List<Decision>> decisionsOf(UUID meetingId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT.formatted(ON_TIME, "d.meeting_id = :m"),
                Object[].class)
                .setParameter("asOf", Dates.now(clock)).setParameter("m", meetingId).getResultList())
                .map(rows -> rows.stream().map(r -> decision(r, Dates.today(clock))).toList());
    }

    /** A decision's row: followed through, late (its deadline has passed unanswered), or pending (null). */
    static Decision decision(Object[] r, LocalDate judgedOn) {
        IssueStatus status = IssueStatus.valueOf((String) r[8]);
        LocalDate deadline = (LocalDate) r[5];
        Boolean followed = (Boolean) r[9] ? Boolean.TRUE : deadline.isBefore(judgedOn) ? Boolean.FALSE : null;
        return new Decision((UUID) r[0], (UUID) r[1], (String) r[2], (UUID) r[3], (String) r[4], deadline, (UUID) r[6],
                (String) r[7], status.name(), status.label(), followed);
    }

    /** Before the meeting its agenda (议程); once minuted, its minutes (纪要) with the decisions. */
    public Uni<OfficialDocument> document(UUID id) {
        return get(id).map(v -> {
            boolean held = v.status() == Meeting.Status.HELD;
            Body body = new Body();
            body.field("会议名称", v.title()).field("会议类别", v.kindLabel()).field("会议日期", Texts.chineseDate(v.heldOn()));
            body.heading("议题");
            if (v.items().isEmpty()) {
                body.paragraph("暂无议题。");
            }
            for (Item i : v.items()) {
                body.subheading(i.enterpriseName() + "：" + i.title() + "（" + i.ledgerNo() + "）");
                body.paragraph("牵头单位：" + (i.departmentName() == null ? "尚未转办" : i.departmentName()) + "；当前状态："
                        + i.statusLabel() + (i.dueDate() == null ? "" : "；办理期限：" + Texts.chineseDate(i.dueDate()))
                        + "。提请理由：" + i.reason());
            }
            if (held) {
                body.heading("会议纪要");
                body.paragraph(v.minutes());
                body.heading("决定事项");
                if (v.decisions().isEmpty()) {
                    body.paragraph("本次会议未作出交办事项。");
                }
                for (Decision d : v.decisions()) {
                    body.subheading(d.text());
                    body.paragraph("承办单位：" + d.departmentName() + "；办结期限：" + Texts.chineseDate(d.deadline())
                            + "；台账编号：" + d.taskLedgerNo() + "。");
                }
            }
            return new OfficialDocument(OFFICE, null, v.title() + (held ? "纪要" : "议程"), null, body.blocks(), OFFICE,
                    held ? v.heldOn() : Dates.today(clock));
        });
    }
}
