package cn.zoufang.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.identity.Role;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the ladder's notices (due soon, overdue, needs supervision) once per stage per issue. Runs on
 * every replica, but a transaction-scoped advisory lock lets only one do the work at a time, and the
 * stage recorded on the issue keeps a notice from going out twice.
 */
@ApplicationScoped
@WithSession
public class EscalationJob {

    private static final Logger LOG = Logger.getLogger(EscalationJob.class);
    /** Any fixed number: the advisory lock that makes this job once-per-cluster. */
    private static final long LOCK = 0x7a6f7566616e6701L;

    private final WorkCalendar calendar;
    private final Notifier notifier;
    private final LedgerConfig config;

    public EscalationJob(WorkCalendar calendar, Notifier notifier, LedgerConfig config) {
        this.calendar = calendar;
        this.notifier = notifier;
        this.config = config;
    }

    @Scheduled(every = "${zoufang.ledger.escalation-every:15m}", delayed = "${zoufang.ledger.escalation-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Escalation run failed; the next run catches up", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many notices went out, or -1 when another replica holds the lock */
    public Uni<Integer> run() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(:k)", Boolean.class)
                        .setParameter("k", LOCK).getSingleResult())
                .flatMap(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(-1);
                    }
                    return Issue.<Issue>list("status in ?1 and dueDate is not null",
                            List.of(IssueStatus.FORWARDED, IssueStatus.IN_PROGRESS))
                            .flatMap(issues -> Multi.createFrom().iterable(issues)
                                    .onItem().transformToUniAndConcatenate(this::escalate)
                                    .collect().asList()
                                    .map(sent -> (int) sent.stream().filter(b -> b).count()))
                            .flatMap(escalated -> followUps().map(reminded -> escalated + reminded));
                }));
    }

    /** Closed as resolved or explained some working days ago, no follow-up visit names it yet: remind the group. */
    private Uni<Integer> followUps() {
        java.time.OffsetDateTime before = calendar.days().minus(calendar.today(), config.followUpAfterWorkingDays())
                .plusDays(1).atStartOfDay(cn.zoufang.web.Dates.ZONE).toOffsetDateTime();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                update issue i set follow_up_notified = true
                where i.status = 'CLOSED' and i.close_reason in ('RESOLVED', 'EXPLAINED') and not i.follow_up_notified
                and i.closed_at < :before and not exists (select 1 from visit_issue vi join visit v on v.id = vi.visit_id
                    where vi.issue_id = i.id and v.status <> 'CANCELLED')
                returning i.id, i.enterprise_id""", Object[].class).setParameter("before", before).getResultList())
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> notifier.groupOf((UUID) r[1], false)
                                .flatMap(group -> notifier.notify(group, NotificationType.FOLLOW_UP_DUE, (UUID) r[0], false)))
                        .collect().asList().map(List::size));
    }

    private Uni<Boolean> escalate(Issue i) {
        Stage stage = calendar.stage(i.dueDate, calendar.today());
        if (stage == Stage.ON_TIME || stage == i.notifiedStage) {
            return Uni.createFrom().item(false);
        }
        NotificationType type = switch (stage) {
            case DUE_SOON -> NotificationType.ISSUE_DUE_SOON;
            case OVERDUE -> NotificationType.ISSUE_OVERDUE;
            default -> NotificationType.ISSUE_NEEDS_SUPERVISION;
        };
        Uni<List<UUID>> recipients = notifier.departmentHandlers(i.leadDepartmentId)
                .flatMap(handlers -> notifier.groupOf(i.enterpriseId, true).flatMap(leaders -> {
                    List<UUID> all = new ArrayList<>(handlers);
                    all.addAll(leaders);
                    return stage == Stage.NEEDS_SUPERVISION
                            ? notifier.withRole(Role.OFFICE).map(office -> {
                                all.addAll(office);
                                return all;
                            })
                            : Uni.createFrom().item(all);
                }));
        // Recorded without touching the issue's version: a notice is not an edit, and must not make the
        // ETags that people hold stale.
        return recipients.flatMap(r -> notifier.notify(r, type, i.id, stage == Stage.NEEDS_SUPERVISION))
                .chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update issue set notified_stage = :stage where id = :id")
                        .setParameter("stage", stage.name()).setParameter("id", i.id).executeUpdate()))
                .replaceWith(true);
    }
}
