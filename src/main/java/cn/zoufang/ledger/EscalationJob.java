package cn.zoufang.ledger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
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
    private static final Duration FOLLOW_UP_WINDOW = Duration.ofDays(60);

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

    /** @return how many issues were announced, or -1 when another replica holds the lock */
    public Uni<Integer> run() {
        return ladder(0).flatMap(escalated -> escalated < 0 ? Uni.createFrom().item(escalated)
                : opinions(0).flatMap(late -> followUps(0).map(reminded -> escalated + late + reminded)));
    }

    /**
     * One batch per transaction, so a zone with thousands of open issues is worked through in short
     * transactions, never all in one; only the issues whose stage moved are read, as plain rows.
     */
    private Uni<Integer> ladder(int sentSoFar) {
        WorkingDays.StageBounds b = calendar.bounds(calendar.today());
        return locked(s -> s.createNativeQuery("""
                select id, lead_department_id, enterprise_id, stage from (
                  select i.id, i.lead_department_id, i.enterprise_id, i.due_date, i.notified_stage, %s as stage
                  from issue i where %s and i.due_date < :horizon) c
                where c.notified_stage is distinct from c.stage
                order by c.due_date, c.id limit :batch""".formatted(Deadlines.stageSql("i"), Deadlines.runningSql("i")),
                Object[].class)
                .setParameter("supervise", b.supervise()).setParameter("today", b.today())
                .setParameter("horizon", b.horizon()).setParameter("batch", config.escalationBatch()).getResultList()
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> escalate(s, (UUID) r[0], (UUID) r[1], (UUID) r[2],
                                Stage.valueOf((String) r[3])))
                        .collect().asList().map(List::size)))
                .flatMap(n -> n < 0 ? Uni.createFrom().item(sentSoFar == 0 ? -1 : sentSoFar)
                        : n == config.escalationBatch() ? ladder(sentSoFar + n) : Uni.createFrom().item(sentSoFar + n));
    }

    /**
     * Assisting opinions past their own date: the assisting department hears it once it is late, and the
     * office too once it needs supervision, as for the issue itself; each stage once per opinion.
     */
    private Uni<Integer> opinions(int sentSoFar) {
        WorkingDays.StageBounds b = calendar.bounds(calendar.today());
        return locked(s -> s.createNativeQuery("""
                select issue_id, department_id, stage from (
                  select x.issue_id, x.department_id, x.due_date, x.notified_stage, %s as stage
                  from issue_assist x join issue i on i.id = x.issue_id where %s and x.due_date < :today) c
                where c.notified_stage is distinct from c.stage
                order by c.due_date, c.issue_id limit :batch""".formatted(Deadlines.stageSql("x"),
                Deadlines.opinionAwaitedSql("i", "x")), Object[].class)
                .setParameter("supervise", b.supervise()).setParameter("today", b.today())
                .setParameter("batch", config.escalationBatch()).getResultList()
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> lateOpinion(s, (UUID) r[0], (UUID) r[1],
                                Stage.valueOf((String) r[2])))
                        .collect().asList().map(List::size)))
                .flatMap(n -> n < 0 ? Uni.createFrom().item(sentSoFar)
                        : n == config.escalationBatch() ? opinions(sentSoFar + n) : Uni.createFrom().item(sentSoFar + n));
    }

    private Uni<UUID> lateOpinion(Mutiny.Session s, UUID issueId, UUID departmentId, Stage stage) {
        boolean supervise = stage == Stage.NEEDS_SUPERVISION;
        return notifier.departmentHandlers(departmentId)
                .flatMap(handlers -> (supervise ? notifier.withRole(Role.OFFICE) : Uni.createFrom().item(List.<UUID>of()))
                        .map(office -> {
                            List<UUID> all = new ArrayList<>(handlers);
                            all.addAll(office);
                            return all;
                        }))
                .flatMap(r -> notifier.notify(r, NotificationType.ASSIST_OPINION_OVERDUE, issueId, supervise))
                .chain(() -> s.createNativeQuery(
                        "update issue_assist set notified_stage = :stage where issue_id = :i and department_id = :d")
                        .setParameter("stage", stage.name()).setParameter("i", issueId).setParameter("d", departmentId)
                        .executeUpdate())
                .replaceWith(issueId);
    }

    /**
     * Closed as resolved or explained some working days ago, no follow-up visit names it yet: remind the
     * group. Only close-outs of the last {@link #FOLLOW_UP_WINDOW} are reminded: after a long outage or a
     * data import, a reminder about something closed months ago is noise.
     */
    private Uni<Integer> followUps(int sentSoFar) {
        OffsetDateTime before = calendar.days().minus(calendar.today(), config.followUpAfterWorkingDays())
                .plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        return locked(s -> s.createNativeQuery("""
                update issue set follow_up_notified = true where id in (
                  select i.id from issue i
                  where i.status = 'CLOSED' and i.close_reason in ('RESOLVED', 'EXPLAINED') and not i.follow_up_notified
                  and i.closed_at < :before and i.closed_at >= :since
                  and not exists (select 1 from visit_issue vi join visit v on v.id = vi.visit_id
                                  where vi.issue_id = i.id and v.status <> 'CANCELLED')
                  order by i.closed_at limit :batch)
                returning id, enterprise_id""", Object[].class)
                .setParameter("before", before).setParameter("since", before.minus(FOLLOW_UP_WINDOW))
                .setParameter("batch", config.escalationBatch()).getResultList()
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> notifier.groupOf((UUID) r[1], false)
                                .flatMap(group -> notifier.notify(group, NotificationType.FOLLOW_UP_DUE, (UUID) r[0], false))
                                .replaceWith(r[0]))
                        .collect().asList().map(List::size)))
                .flatMap(n -> n < 0 ? Uni.createFrom().item(sentSoFar)
                        : n == config.escalationBatch() ? followUps(sentSoFar + n) : Uni.createFrom().item(sentSoFar + n));
    }

    /** Runs the work in a transaction holding the cluster-wide lock; -1 without running it when the lock is taken. */
    private Uni<Integer> locked(Function<Mutiny.Session, Uni<Integer>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(:k)", Boolean.class)
                        .setParameter("k", LOCK).getSingleResult()
                        .flatMap(locked -> locked ? work.apply(s) : Uni.createFrom().item(-1))));
    }

    /** @return the issue's id (Multi drops null items, so the batch's count needs a value) */
    private Uni<UUID> escalate(Mutiny.Session s, UUID issueId, UUID leadDepartmentId, UUID enterpriseId, Stage stage) {
        NotificationType type = switch (stage) {
            case DUE_SOON -> NotificationType.ISSUE_DUE_SOON;
            case OVERDUE -> NotificationType.ISSUE_OVERDUE;
            default -> NotificationType.ISSUE_NEEDS_SUPERVISION;
        };
        Uni<List<UUID>> recipients = notifier.departmentHandlers(leadDepartmentId)
                .flatMap(handlers -> notifier.groupOf(enterpriseId, true).flatMap(leaders -> {
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
        return recipients.flatMap(r -> notifier.notify(r, type, issueId, stage == Stage.NEEDS_SUPERVISION))
                .chain(() -> s.createNativeQuery("update issue set notified_stage = :stage where id = :id")
                        .setParameter("stage", stage.name()).setParameter("id", issueId).executeUpdate())
                .replaceWith(issueId);
    }
}
