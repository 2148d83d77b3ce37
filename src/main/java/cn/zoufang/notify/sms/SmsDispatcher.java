package cn.zoufang.notify.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.PushChannel.Outcome;
import cn.zoufang.notify.PushChannel.Result;
import cn.zoufang.notify.QuietHours;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends due SMS as the push dispatcher sends pushes (claim in a short transaction, send with none open,
 * record in another), and keeps each phone within its limits: the claim runs under one cluster-wide lock,
 * so two replicas never both decide that a phone may have its one SMS of the minute. An SMS over a limit
 * waits: for the minute to pass, or for tomorrow morning (a one-time code over the daily limit is failed
 * instead: it would be stale by then). The fallback for unread urgent notifications is queued here too.
 */
@ApplicationScoped
@WithSession
public class SmsDispatcher {

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);
    static final int BATCH = 50;
    static final long LOCK = 0x5A4F55464E47534DL;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final AliyunSms gateway;
    private final SmsOutbox outbox;
    private final SmsConfig config;
    private final Vertx vertx;
    private final Clock clock;

    public SmsDispatcher(AliyunSms gateway, SmsOutbox outbox, SmsConfig config, Vertx vertx, Clock clock) {
        this.gateway = gateway;
        this.outbox = outbox;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Scheduled(every = "${zoufang.sms.dispatch-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return outbox.queueFallbacks().chain(this::dispatchOnce).replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("SMS dispatch failed; the rows stay due", f))
                .onFailure().recoverWithNull();
    }

    /** Forgets SMS older than the retention, phone numbers with them. Twice from two replicas is harmless. */
    @Scheduled(cron = "0 40 3 * * ?", timeZone = "Asia/Shanghai")
    Uni<Void> nightly() {
        return forgetOld().replaceWithVoid().onFailure().invoke(f -> LOG.warn("SMS retention failed", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many SMS records were deleted */
    public Uni<Integer> forgetOld() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "delete from sms_message where created_at < :before").setParameter("before",
                        Dates.now(clock).minus(config.retention())).executeUpdate()));
    }

    record Due(UUID id, String phone, SmsTemplate template, String params, int attempts) {
    }

    /** One batch; @return how many SMS were sent or tried. */
    public Uni<Integer> dispatchOnce() {
        if (!gateway.enabled()) {
            return Uni.createFrom().item(0);
        }
        return Panache.withTransaction(this::claim).flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0)
                : vertx.executeBlocking(Uni.createFrom().item(() -> due.stream().map(this::send).toList()), false)
                        .flatMap(results -> Panache.withTransaction(() -> Multi.createFrom().range(0, due.size())
                                .onItem().transformToUniAndConcatenate(i -> record(due.get(i), results.get(i)))
                                .collect().last()))
                        .replaceWith(due.size()));
    }

    private Result send(Due d) {
        String code = d.template().code(config.templates()).orElse(null);
        return code == null ? Result.of(Outcome.FAILED, "no template code configured")
                : gateway.send(d.phone(), code, d.params(), d.id().toString());
    }

    private Uni<List<Due>> claim() {
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime dayStart = Dates.today(clock).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select pg_advisory_xact_lock(:k)")
                .setParameter("k", LOCK).getSingleResult()
                .chain(() -> s.createNativeQuery("""
                        select m.id, m.phone, m.template, m.params, m.attempts,
                               (select count(*) from sms_message x where x.phone = m.phone and x.sent_at >= :day),
                               (select max(x.sent_at) from sms_message x where x.phone = m.phone and x.sent_at > :minute),
                               (select count(*) from sms_message x where x.phone = m.phone and x.sent_at > :minute)
                        from sms_message m
                        where m.status in ('PENDING', 'SENDING') and m.next_attempt_at <= :now
                        order by m.next_attempt_at, m.created_at limit :batch""", Object[].class)
                        .setParameter("day", dayStart).setParameter("minute", now.minusMinutes(1))
                        .setParameter("now", now).setParameter("batch", BATCH).getResultList())
                .flatMap(rows -> {
                    List<Due> go = new ArrayList<>();
                    Map<UUID, OffsetDateTime> wait = new HashMap<>();
                    List<UUID> tooMany = new ArrayList<>();
                    Map<String, int[]> claimed = new HashMap<>();
                    for (Object[] r : rows) {
                        Due d = new Due((UUID) r[0], (String) r[1], SmsTemplate.valueOf((String) r[2]), (String) r[3],
                                ((Number) r[4]).intValue());
                        int[] mine = claimed.computeIfAbsent(d.phone(), p -> new int[1]);
                        long today = ((Number) r[5]).longValue() + mine[0];
                        long lastMinute = ((Number) r[7]).longValue() + mine[0];
                        if (today >= config.perPhonePerDay()) {
                            if (d.template().oneTimeCode()) {
                                tooMany.add(d.id());
                            } else {
                                wait.put(d.id(), QuietHours.after(dayStart.plusDays(1), config.quietFrom(),
                                        config.quietUntil()));
                            }
                        } else if (lastMinute >= config.perPhonePerMinute()) {
                            OffsetDateTime last = r[6] != null ? (OffsetDateTime) r[6] : now;
                            wait.put(d.id(), (last.isAfter(now) ? last : now).plusMinutes(1).plusSeconds(1));
                        } else {
                            mine[0]++;
                            go.add(d);
                        }
                    }
                    Uni<Void> steps = Uni.createFrom().voidItem();
                    for (Map.Entry<UUID, OffsetDateTime> w : wait.entrySet()) {
                        steps = steps.call(() -> s.createNativeQuery(
                                "update sms_message set status = 'PENDING', next_attempt_at = :at where id = :id")
                                .setParameter("at", w.getValue()).setParameter("id", w.getKey()).executeUpdate());
                    }
                    for (UUID id : tooMany) {
                        steps = steps.call(() -> s.createNativeQuery("update sms_message set status = 'FAILED', params = '{}',"
                                + " last_error = '超过每个号码每日短信上限' where id = :id").setParameter("id", id).executeUpdate());
                    }
                    if (!go.isEmpty()) {
                        // Marked as sending (and counted by the limits) before anything leaves; due again if the lease ends.
                        steps = steps.call(() -> s.createNativeQuery("""
                                update sms_message set status = 'SENDING', next_attempt_at = :lease, sent_at = :now
                                where id in (:ids)""").setParameter("lease", now.plus(LEASE)).setParameter("now", now)
                                .setParameter("ids", go.stream().map(Due::id).toList()).executeUpdate());
                    }
                    return steps.replaceWith(go);
                }));
    }

    private Uni<Integer> record(Due d, Result r) {
        OffsetDateTime now = Dates.now(clock);
        int attempts = d.attempts() + 1;
        String sql = switch (r.outcome()) {
            case SENT -> "status = 'SENT', biz_id = :extra, sent_at = :now"
                    + (d.template().oneTimeCode() ? ", params = '{}'" : "");
            case RATE_LIMITED -> "status = 'PENDING', sent_at = null, last_error = :extra, next_attempt_at = :next";
            case RETRY -> attempts >= config.maxAttempts() ? "status = 'DEAD', sent_at = null, last_error = :extra"
                    : "status = 'PENDING', sent_at = null, last_error = :extra, next_attempt_at = :next";
            case TOKEN_INVALID, FAILED -> "status = 'FAILED', sent_at = null, params = '{}', last_error = :extra";
        };
        // Alibaba's flow control (its own per-phone limit among them) waits a minute at least; faults back off.
        Duration wait = r.waitBeforeNextTry(attempts, MAX_BACKOFF);
        String extra = r.outcome() == Outcome.SENT ? r.messageId() : r.error();
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery("update sms_message set " + sql + ", attempts = :attempts where id = :id")
                    .setParameter("id", d.id()).setParameter("attempts", attempts)
                    .setParameter("extra", extra == null ? null : extra.substring(0, Math.min(300, extra.length())));
            if (sql.contains(":now")) {
                q.setParameter("now", now);
            }
            if (sql.contains(":next")) {
                q.setParameter("next", now.plus(wait));
            }
            return q.executeUpdate();
        });
    }
}
