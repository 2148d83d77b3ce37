package cn.zoufang.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Once a day, each person who chose the digest and has unread non-urgent notifications since the last
 * one gets a single push (a DAILY_DIGEST inbox row, created already read, carries it). Claiming the
 * setting row with {@code FOR UPDATE SKIP LOCKED} and moving {@code last_digest_at} in the same
 * transaction makes it once per person, however many replicas run the job.
 */
@ApplicationScoped
@WithSession
public class DailyDigest {

    private static final Logger LOG = Logger.getLogger(DailyDigest.class);

    private final Notifier notifier;

    private final Clock clock;

    public DailyDigest(Notifier notifier, Clock clock) {
        this.clock = clock;
        this.notifier = notifier;
    }

    @Scheduled(cron = "${zoufang.push.digest-cron:0 30 8 * * ?}", timeZone = "Asia/Shanghai")
    Uni<Void> daily() {
        return run().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Daily digest failed", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many digests were queued */
    public Uni<Integer> run() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select account_id from notification_setting where daily_digest", UUID.class).getResultList())
                .flatMap(accounts -> Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(this::digest)
                        .collect().asList().map(sent -> (int) sent.stream().filter(b -> b).count()));
    }

    private Uni<Boolean> digest(UUID accountId) {
        OffsetDateTime now = Dates.now(clock);
        // Since the last digest, or since the digest was chosen (what came before was pushed one by one).
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select coalesce(last_digest_at, updated_at) from notification_setting
                where account_id = :a and daily_digest for update skip locked""", OffsetDateTime.class)
                .setParameter("a", accountId).getResultList()
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0L) : s.createNativeQuery("""
                        select count(*) from notification n
                        where n.account_id = :a and not n.urgent and n.read_at is null and n.type <> 'DAILY_DIGEST'
                          and n.created_at > :since""", Long.class)
                        .setParameter("a", accountId).setParameter("since", claimed.get(0)).getSingleResult())
                .flatMap(count -> count == 0 ? Uni.createFrom().item(false) : s.createNativeQuery(
                        "update notification_setting set last_digest_at = :now where account_id = :a")
                        .setParameter("now", now).setParameter("a", accountId).executeUpdate()
                        // The digest only points at the inbox; it is not itself news, so it is created read.
                        .chain(() -> notifier.insert(accountId, NotificationType.DAILY_DIGEST, accountId, false, now, now))
                        .chain(id -> notifier.queuePush(id, accountId, now, false))
                        .replaceWith(true))));
    }
}
