package cn.zoufang.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends due pushes from the outbox, in three steps so that no transaction stays open while FCM answers
 * (an open transaction holds a connection and row locks, and holds back every phone's sync, which reads
 * only up to the oldest running transaction): a short transaction claims a batch ({@code FOR UPDATE SKIP
 * LOCKED}) by moving its next attempt a lease into the future, so other replicas leave it alone; the batch
 * is sent; a second short transaction records each outcome. If a replica dies after sending and before
 * recording, the batch is due again when the lease ends and is sent again: the notification id is the
 * message's collapse key and data id, and the app drops a notification id it has already shown.
 * Each device's pushes go through the channel of its provider (FCM, or a phone maker's); the channels of
 * one batch are sent to at once, each on a worker thread, and a channel that is off leaves its rows due.
 */
@ApplicationScoped
@WithSession
public class PushDispatcher {

    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);
    /** FCM accepts at most 500 messages in one sendEach; the vendors 1000 tokens a request. */
    static final int BATCH = 500;

    private final Map<Device.Provider, PushChannel> channels = new EnumMap<>(Device.Provider.class);
    private final Vertx vertx;
    private final int maxAttempts;
    private final Duration maxBackoff;
    private final Duration lease;

    private final Clock clock;

    public PushDispatcher(Instance<PushChannel> channels, Vertx vertx, PushConfig config, Clock clock) {
        this.clock = clock;
        channels.forEach(c -> this.channels.put(c.provider(), c));
        this.vertx = vertx;
        this.maxAttempts = config.maxAttempts();
        this.maxBackoff = config.maxBackoff();
        this.lease = config.claimLease();
    }

    @Scheduled(every = "${zoufang.push.dispatch-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return dispatchOnce().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Push dispatch failed; the rows stay due", f))
                .onFailure().recoverWithNull();
    }

    private record Due(long id, UUID deviceId, String token, Device.Provider provider, Device.Platform platform,
            UUID notificationId, NotificationType type, UUID objectId, boolean urgent, int attempts) {

        PushChannel.Push push() {
            return new PushChannel.Push(token, platform, notificationId.toString(), type, objectId.toString(), urgent);
        }
    }

    /** The providers whose channel is on: only their rows are claimed. */
    List<String> enabledProviders() {
        return channels.values().stream().filter(PushChannel::enabled).map(c -> c.provider().name()).toList();
    }

    /** One batch of due pushes; @return how many were attempted. */
    public Uni<Integer> dispatchOnce() {
        List<String> providers = enabledProviders();
        if (providers.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                with claimed as (
                    update push_delivery set next_attempt_at = cast(:now as timestamptz) + make_interval(secs => :lease)
                    where id in (select p.id from push_delivery p join device d on d.id = p.device_id
                                 where p.status = 'PENDING' and p.next_attempt_at <= :now and d.provider in (:providers)
                                 order by p.next_attempt_at, p.id limit :batch for update of p skip locked)
                    returning id, device_id, notification_id, attempts)
                select c.id, d.id, d.token, d.provider, d.platform, n.id, n.type, n.object_id, n.urgent, c.attempts
                from claimed c join device d on d.id = c.device_id join notification n on n.id = c.notification_id
                order by c.id""", Object[].class).setParameter("batch", BATCH).setParameter("now", Dates.now(clock))
                .setParameter("providers", providers)
                .setParameter("lease", (double) lease.toSeconds()).getResultList()))
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Due> due = rows.stream().map(r -> new Due(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                            Device.Provider.valueOf((String) r[3]), Device.Platform.valueOf((String) r[4]), (UUID) r[5],
                            NotificationType.valueOf((String) r[6]), (UUID) r[7], (Boolean) r[8],
                            ((Number) r[9]).intValue())).toList();
                    return send(due).flatMap(results -> Panache.withTransaction(() -> record(due, results)))
                            .replaceWith(due.size());
                });
    }

    /** Each provider's pushes through its channel, the channels side by side; the results in the order of {@code due}. */
    private Uni<List<PushChannel.Result>> send(List<Due> due) {
        Map<Device.Provider, List<Integer>> byProvider = new EnumMap<>(Device.Provider.class);
        for (int i = 0; i < due.size(); i++) {
            byProvider.computeIfAbsent(due.get(i).provider(), p -> new ArrayList<>()).add(i);
        }
        PushChannel.Result[] results = new PushChannel.Result[due.size()];
        List<Uni<Void>> sends = byProvider.entrySet().stream().map(e -> vertx.executeBlocking(Uni.createFrom().item(
                () -> channels.get(e.getKey()).send(e.getValue().stream().map(i -> due.get(i).push()).toList())), false)
                .invoke(answer -> {
                    for (int j = 0; j < e.getValue().size(); j++) {
                        results[e.getValue().get(j)] = answer.get(j);
                    }
                }).replaceWithVoid()).toList();
        return Uni.join().all(sends).andCollectFailures().map(x -> Arrays.asList(results));
    }

    private Uni<Void> record(List<Due> due, List<PushChannel.Result> results) {
        return Multi.createFrom().range(0, due.size())
                .onItem().transformToUniAndConcatenate(i -> apply(due.get(i), results.get(i)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Integer> apply(Due d, PushChannel.Result r) {
        int attempts = d.attempts() + 1;
        return switch (r.outcome()) {
            case SENT -> update("status = 'SENT', sent_at = :at, message_id = :extra, attempts = :attempts", d, attempts,
                    r.messageId(), null);
            case TOKEN_INVALID -> update("status = 'FAILED', last_error = :extra, attempts = :attempts", d, attempts,
                    r.error(), null)
                    .call(() -> execute("update device set active = false, updated_at = :at where id = :id", d.deviceId()))
                    .call(() -> execute("update push_delivery set status = 'FAILED', last_error = 'token no longer valid'"
                            + " where device_id = :id and status = 'PENDING'", d.deviceId()));
            case RATE_LIMITED -> update("last_error = :extra, attempts = :attempts, next_attempt_at = :next", d, attempts,
                    r.error(), Dates.now(clock).plus(r.waitBeforeNextTry(attempts, maxBackoff)));
            case RETRY -> attempts >= maxAttempts
                    ? update("status = 'DEAD', last_error = :extra, attempts = :attempts", d, attempts, r.error(), null)
                    : update("last_error = :extra, attempts = :attempts, next_attempt_at = :next", d, attempts, r.error(),
                            Dates.now(clock).plus(r.waitBeforeNextTry(attempts, maxBackoff)));
            case FAILED -> update("status = 'FAILED', last_error = :extra, attempts = :attempts", d, attempts, r.error(),
                    null);
        };
    }

    /** Exponential with jitter: 2 s, 4 s, 8 s … up to {@code max}, each between half and all of it. */
    public static Duration backoff(int attempts, Duration max) {
        long cap = Math.min(max.toMillis(), 2000L << Math.min(attempts - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private Uni<Integer> update(String set, Due d, int attempts, String extra, OffsetDateTime next) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery("update push_delivery set " + set + ", last_attempt_at = :at where id = :id")
                    .setParameter("id", d.id()).setParameter("at", Dates.now(clock)).setParameter("attempts", attempts)
                    .setParameter("extra", extra == null ? null : extra.substring(0, Math.min(300, extra.length())));
            if (next != null) {
                q.setParameter("next", next);
            }
            return q.executeUpdate();
        });
    }

    private Uni<Integer> execute(String sql, UUID id) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql).setParameter("id", id);
            if (sql.contains(":at")) {
                q.setParameter("at", Dates.now(clock));
            }
            return q.executeUpdate();
        });
    }
}
