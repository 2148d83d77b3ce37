package cn.zoufang.bulletin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.bulletin.BulletinDtos.CaseInput;
import cn.zoufang.bulletin.BulletinDtos.CaseKind;
import cn.zoufang.bulletin.BulletinDtos.TypicalCase;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueQueries;
import cn.zoufang.report.Period;
import cn.zoufang.web.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The typical cases (典型案例) the office picks for a period's 通报: an issue, good or bad, and why. */
@ApplicationScoped
@WithSession
public class TypicalCases {

    private final IssueQueries issues;
    private final AuditLog audit;
    private final Clock clock;

    public TypicalCases(IssueQueries issues, AuditLog audit, Clock clock) {
        this.issues = issues;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<List<TypicalCase>> list(Period period) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select c.period, i.id, i.ledger_no, i.title, e.name, d.name, c.kind, c.note, c.marked_at
                from typical_case c join issue i on i.id = c.issue_id join enterprise e on e.id = i.enterprise_id
                left join department d on d.id = i.lead_department_id
                where c.period = :p order by c.kind desc, i.ledger_no""", Object[].class)
                .setParameter("p", period.toString()).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    CaseKind kind = CaseKind.valueOf((String) r[6]);
                    return new TypicalCase((String) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                            (String) r[5], kind, kind.label(), (String) r[7],
                            Dates.inChina((OffsetDateTime) r[8]));
                }).toList());
    }

    /** Marks (or re-marks) an issue the office can see as a typical case of the period. */
    @WithTransaction
    public Uni<TypicalCase> mark(Caller caller, Period period, UUID issueId, CaseInput in) {
        return issues.findVisible(caller, issueId).flatMap(issue -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into typical_case (period, issue_id, kind, note, marked_by, marked_at)
                values (:p, :issue, :kind, :note, :by, :now)
                on conflict (period, issue_id) do update set kind = excluded.kind, note = excluded.note,
                    marked_by = excluded.marked_by, marked_at = excluded.marked_at""")
                .setParameter("p", period.toString()).setParameter("issue", issueId).setParameter("kind", in.kind().name())
                .setParameter("note", in.note().trim()).setParameter("by", caller.id()).setParameter("now", Dates.now(clock))
                .executeUpdate())
                .chain(() -> audit.record(Entry.by(caller, "TYPICAL_CASE_MARK", "ISSUE", issueId)
                        .detail(period + " " + in.kind().label())))
                .chain(() -> list(period))
                .map(all -> all.stream().filter(c -> c.issueId().equals(issueId)).findFirst().orElseThrow()));
    }

    @WithTransaction
    public Uni<Void> unmark(Caller caller, Period period, UUID issueId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "delete from typical_case where period = :p and issue_id = :issue")
                .setParameter("p", period.toString()).setParameter("issue", issueId).executeUpdate())
                .flatMap(n -> {
                    if (n == 0) {
                        throw ApiException.notFound("典型案例");
                    }
                    return audit.record(Entry.by(caller, "TYPICAL_CASE_UNMARK", "ISSUE", issueId).detail(period.toString()));
                });
    }
}
