package cn.zoufang.ops;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.Device;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The few numbers an operator watches, beside the per-route request latencies Quarkus already exports:
 * the push outbox (due now, waiting, failed for good; and per channel), overdue issues, uploads not yet
 * confirmed, and SMS (this month's count and billed segments, waiting, given up).
 * Counted in the database every 30 seconds (a gauge must not query on the scrape thread).
 */
@ApplicationScoped
public class Gauges {

    private static final Logger LOG = Logger.getLogger(Gauges.class);

    /** The gauges, in the order of the columns of {@link #COUNTS}. */
    private static final List<String> NAMES = List.of("zoufang.push.due", "zoufang.push.pending", "zoufang.push.dead",
            "zoufang.issues.overdue", "zoufang.uploads.pending", "zoufang.sms.month.sent", "zoufang.sms.month.segments",
            "zoufang.sms.pending", "zoufang.sms.dead");
    /** All of them in one round trip. */
    private static final String COUNTS = """
            select (select count(*) from push_delivery where status = 'PENDING' and next_attempt_at <= :now),
                   (select count(*) from push_delivery where status = 'PENDING'),
                   (select count(*) from push_delivery where status = 'DEAD'),
                   (select count(*) from issue where status in ('FORWARDED', 'IN_PROGRESS') and due_date < :today),
                   (select count(*) from photo where status = 'PENDING'),
                   (select count(*) from sms_message where sent_at >= :month and status in ('SENT', 'DELIVERED', 'UNDELIVERED')),
                   (select coalesce(sum(coalesce(segments, 1)), 0) from sms_message
                    where sent_at >= :month and status in ('SENT', 'DELIVERED', 'UNDELIVERED')),
                   (select count(*) from sms_message where status in ('PENDING', 'SENDING')),
                   (select count(*) from sms_message where status = 'DEAD')""";
    /**
     * Per push channel this month: pushes still waiting, given up, sent, and reported delivered within 5 minutes
     * of the notification (only channels with receipts report any).
     */
    private static final String PER_CHANNEL = """
            select d.provider,
                   count(*) filter (where p.status = 'PENDING'),
                   count(*) filter (where p.status = 'DEAD'),
                   count(*) filter (where p.status = 'SENT' and p.sent_at >= :month),
                   count(*) filter (where p.delivered_at >= :month
                                    and p.delivered_at <= n.created_at + interval '5 minutes')
            from push_delivery p join device d on d.id = p.device_id join notification n on n.id = p.notification_id
            where p.status in ('PENDING', 'DEAD') or p.sent_at >= :month
            group by d.provider""";
    private static final List<String> CHANNEL_NAMES = List.of("zoufang.push.channel.pending", "zoufang.push.channel.dead",
            "zoufang.push.channel.month.sent", "zoufang.push.channel.month.delivered.within5min");

    private final Map<String, AtomicLong> values = new LinkedHashMap<>();
    private final Map<String, AtomicLong> perChannel = new LinkedHashMap<>();

    private final Clock clock;

    public Gauges(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        NAMES.forEach(name -> {
            AtomicLong value = new AtomicLong();
            values.put(name, value);
            Gauge.builder(name, value, AtomicLong::get).register(registry);
        });
        for (Device.Provider provider : Device.Provider.values()) {
            CHANNEL_NAMES.forEach(name -> {
                AtomicLong value = new AtomicLong();
                perChannel.put(name + "/" + provider, value);
                Gauge.builder(name, value, AtomicLong::get).tag("provider", provider.name()).register(registry);
            });
        }
    }

    @Scheduled(every = "${zoufang.ops.gauges-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    public Uni<Void> refresh() {
        var month = Dates.today(clock).withDayOfMonth(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        Uni<Void> all = Panache.getSession().flatMap(s -> s.createNativeQuery(COUNTS, Object[].class)
                .setParameter("today", Dates.today(clock)).setParameter("now", Dates.now(clock))
                .setParameter("month", month).getSingleResult()
                .invoke(row -> {
                    for (int i = 0; i < NAMES.size(); i++) {
                        values.get(NAMES.get(i)).set(((Number) row[i]).longValue());
                    }
                })
                .chain(() -> s.createNativeQuery(PER_CHANNEL, Object[].class).setParameter("month", month).getResultList())
                .invoke(rows -> {
                    perChannel.values().forEach(v -> v.set(0));
                    for (Object[] row : rows) {
                        for (int i = 0; i < CHANNEL_NAMES.size(); i++) {
                            AtomicLong v = perChannel.get(CHANNEL_NAMES.get(i) + "/" + row[0]);
                            if (v != null) {
                                v.set(((Number) row[i + 1]).longValue());
                            }
                        }
                    }
                })).replaceWithVoid();
        return all.onFailure().invoke(e -> LOG.warn("Could not refresh the operational gauges", e)).onFailure().recoverWithNull();
    }
}
