package cn.zoufang.bulletin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.bulletin.BulletinDtos.Notice;
import cn.zoufang.bulletin.BulletinDtos.NoticeInput;
import cn.zoufang.bulletin.BulletinDtos.NoticeKind;
import cn.zoufang.document.OfficialDocument;
import cn.zoufang.document.OfficialDocument.Body;
import cn.zoufang.document.Texts;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.kernel.YearlySerials;
import cn.zoufang.ledger.Deadlines;
import cn.zoufang.ledger.Issue;
import cn.zoufang.ledger.IssueQueries;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.ledger.WorkCalendar;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Printable 督办单 and 催办通知书 for one issue in a department's hands, numbered per kind and year
 * (走访督〔2026〕第0001号). Issuing one records it; the document is drawn again from the record and the issue.
 * Issuing is paperwork, not a step of the issue's workflow: supervision proper is {@code …/supervise}.
 */
@ApplicationScoped
@WithSession
public class Notices {

    private final IssueQueries issues;
    private final WorkCalendar calendar;
    private final YearlySerials serials;
    private final AuditLog audit;
    private final Clock clock;

    public Notices(IssueQueries issues, WorkCalendar calendar, YearlySerials serials, AuditLog audit, Clock clock) {
        this.serials = serials;
        this.issues = issues;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Notice> issue(Caller caller, UUID issueId, NoticeInput in) {
        return issues.findVisible(caller, issueId).flatMap(issue -> {
            if (!Deadlines.running(issue)) {
                throw new ApiException(ErrorCode.INVALID_STATE, "只有责任单位正在办理的诉求才能发" + in.kind().shortName());
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = Dates.now(clock);
            int year = Dates.dayOf(now).getYear();
            String requirement = in.requirement() == null || in.requirement().isBlank() ? in.kind().defaultRequirement()
                    : in.requirement().trim();
            return serials.next("NOTICE_" + in.kind().name(), year).flatMap(serial -> Panache.getSession().flatMap(s -> s
                    .createNativeQuery("""
                            insert into issued_notice (id, kind, year, serial, issue_id, requirement, issued_by, issued_at)
                            values (:id, :kind, :year, :serial, :issue, :requirement, :by, :now)""")
                    .setParameter("id", id).setParameter("kind", in.kind().name()).setParameter("year", year)
                    .setParameter("serial", serial).setParameter("issue", issueId).setParameter("requirement", requirement)
                    .setParameter("by", caller.id()).setParameter("now", now).executeUpdate()))
                    .chain(() -> find(id))
                    .call(n -> audit.record(Entry.by(caller, "NOTICE_ISSUE", "ISSUE", issueId)
                            .detail(n.kindLabel() + " " + n.number())));
        });
    }

    public Uni<Notice> find(UUID id) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select n.id, n.kind, n.year, n.serial, n.issue_id, i.ledger_no, n.requirement, n.issued_at
                from issued_notice n join issue i on i.id = n.issue_id where n.id = :id""", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.notFound("督办单");
                    }
                    Object[] r = rows.get(0);
                    NoticeKind kind = NoticeKind.valueOf((String) r[1]);
                    OffsetDateTime at = Dates.inChina((OffsetDateTime) r[7]);
                    return new Notice((UUID) r[0], kind, kind.title(), kind.number((Integer) r[2], (Integer) r[3]),
                            (UUID) r[4], (String) r[5], (String) r[6], at.toLocalDate(), at);
                });
    }

    /** The notice as a document: the issue as it stands now, under the number and requirement it was issued with. */
    public Uni<OfficialDocument> document(Caller caller, UUID id) {
        return find(id).flatMap(n -> issues.findVisible(caller, n.issueId()).flatMap(issue -> names(issue)
                .map(names -> document(n, issue, names[0], names[1], Dates.today(clock)))));
    }

    private Uni<String[]> names(Issue issue) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select e.name, (select d.name from department d where d.id = :department)
                from enterprise e where e.id = :enterprise""", Object[].class)
                .setParameter("enterprise", issue.enterpriseId).setParameter("department", issue.leadDepartmentId)
                .getSingleResult()).map(r -> new String[] { (String) r[0], (String) r[1] });
    }

    OfficialDocument document(Notice n, Issue issue, String enterprise, String department, LocalDate today) {
        Body body = new Body();
        body.field("台账编号", issue.ledgerNo)
                .field("企业名称", enterprise)
                .field("诉求事项", issue.title)
                .field("诉求内容", issue.description)
                .field("登记时间", Texts.dateTime(issue.createdAt))
                .field("牵头单位", department == null ? "—" : department)
                .field("办理期限", issue.dueDate == null ? "—" : Texts.chineseDate(issue.dueDate))
                .field("当前状态", issue.status.label())
                .field("超期情况", overdue(issue, n.issuedOn()))
                .field("办理要求", n.requirement());
        body.paragraph("请将办理情况于办理期限内在系统中反馈。本" + n.kind().shortName() + "由系统生成，编号 " + n.number() + "，以系统记录为准。");
        return new OfficialDocument(BulletinService.OFFICE, n.number(), n.kind().title(),
                (department == null ? "责任单位" : department) + "：", body.blocks(), BulletinService.OFFICE, n.issuedOn());
    }

    private String overdue(Issue issue, LocalDate on) {
        if (issue.dueDate == null || issue.status == IssueStatus.CLOSED) {
            return "—";
        }
        int late = calendar.days().daysOverdue(issue.dueDate, on);
        return late > 0 ? "截至发单日已超期 " + late + " 个工作日" : "截至发单日尚未超期，距期限 "
                + calendar.days().between(on, issue.dueDate) + " 个工作日";
    }
}
