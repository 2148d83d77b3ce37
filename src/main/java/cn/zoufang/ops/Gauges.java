package cn.zoufang.ops;

import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.Deadlines;
import cn.zoufang.notify.ChannelReport;
import cn.zoufang.notify.ChannelReport.PushChannelFigures;
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
 * confirmed, SMS waiting and given up, and the running month of each push channel and of SMS as the
 * office's channel report counts it.
 * Counted in the database every 30 seconds (a gauge must not query on the scrape thread).
 */
@ApplicationScoped
public class Gauges {

    private static final Logger LOG = Logger.getLogger(Gauges.class);

    /** The gauges, in the order of the columns of {@link #COUNTS}. */
    private static final List<String> NAMES = List.of("zoufang.push.due", "zoufang.push.pending", "zoufang.push.dead",
            "zoufang.issues.overdue", "zoufang.uploads.pending", "zoufang.sms.pending", "zoufang.sms.dead");
    /** All of them in one round trip. */
    private static final String COUNTS = """
            select (select count(*) from push_delivery where status = 'PENDING' and next_attempt_at <= :now),
                   (select count(*) from push_delivery where status = 'PENDING'),
                   (select count(*) from push_delivery where status = 'DEAD'),
                   (select count(*) from issue i where %s),
                   (select count(*) from photo where status = 'PENDING'),
                   (select count(*) from sms_message where status in ('PENDING', 'SENDING')),
                   (select count(*) from sms_message where status = 'DEAD')""".formatted(Deadlines.overdueSql("i", "today"));
    /** The running month as the office's channel report counts it (one definition): per push channel, and SMS. */
    private static final Map<String, ToLongFunction<PushChannelFigures>> PER_CHANNEL = Map.of(
            "zoufang.push.channel.month.sent", PushChannelFigures::sent,
            "zoufang.push.channel.month.failed", PushChannelFigures::failed,
            "zoufang.push.channel.month.dead", PushChannelFigures::dead,
            "zoufang.push.channel.month.delivered.within5min", PushChannelFigures::deliveredWithin5Minutes);

    private final Map<String, AtomicLong> values = new LinkedHashMap<>();
    private final Map<String, AtomicLong> perChannel = new LinkedHashMap<>();
    private final AtomicLong smsSent = new AtomicLong();
    private final AtomicLong smsSegments = new AtomicLong();

    private final ChannelReport channels;
    private final Clock clock;

    public Gauges(MeterRegistry registry, ChannelReport channels, Clock clock) {
        this.channels = channels;
        this.clock = clock;
        NAMES.forEach(name -> {
            AtomicLong value = new AtomicLong();
            values.put(name, value);
            Gauge.builder(name, value, AtomicLong::get).register(registry);
        });
        for (Device.Provider provider : Device.Provider.values()) {
            PER_CHANNEL.keySet().forEach(name -> {
                AtomicLong value = new AtomicLong();
                perChannel.put(name + "/" + provider, value);
                Gauge.builder(name, value, AtomicLong::get).tag("provider", provider.name()).register(registry);
            });
        }
        Gauge.builder("zoufang.sms.month.sent", smsSent, AtomicLong::get).register(registry);
        Gauge.builder("zoufang.sms.month.segments", smsSegments, AtomicLong::get).register(registry);
    }

    @Scheduled(every = "${zoufang.ops.gauges-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    public Uni<Void> refresh() {
        Uni<Void> all = Panache.getSession().flatMap(s -> s.createNativeQuery(COUNTS, Object[].class)
                .setParameter("today", Dates.today(clock)).setParameter("now", Dates.now(clock)).getSingleResult())
                .invoke(row -> {
                    for (int i = 0; i < NAMES.size(); i++) {
                        values.get(NAMES.get(i)).set(((Number) row[i]).longValue());
                    }
                })
                .chain(() -> channels.month(YearMonth.from(Dates.today(clock))))
                .invoke(month -> {
                    for (PushChannelFigures figures : month.push()) {
                        PER_CHANNEL.forEach((name, figure) -> perChannel.get(name + "/" + figures.provider())
                                .set(figure.applyAsLong(figures)));
                    }
                    smsSent.set(month.sms().sent());
                    smsSegments.set(month.sms().segments());
                }).replaceWithVoid();
        return all.onFailure().invoke(e -> LOG.warn("Could not refresh the operational gauges", e)).onFailure().recoverWithNull();
    }
}
