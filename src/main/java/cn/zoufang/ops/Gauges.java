package cn.zoufang.ops;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The few numbers an operator watches, beside the per-route request latencies Quarkus already exports:
 * the push outbox (due now, waiting, failed for good), overdue issues, and uploads not yet confirmed.
 * Counted in the database every 30 seconds (a gauge must not query on the scrape thread).
 */
@ApplicationScoped
public class Gauges {

    private static final Logger LOG = Logger.getLogger(Gauges.class);

    /** The gauges, in the order of the columns of {@link #COUNTS}. */
    private static final List<String> NAMES = List.of("zoufang.push.due", "zoufang.push.pending", "zoufang.push.dead",
            "zoufang.issues.overdue", "zoufang.uploads.pending");
    /** All of them in one round trip. */
    private static final String COUNTS = """
            select (select count(*) from push_delivery where status = 'PENDING' and next_attempt_at <= :now),
                   (select count(*) from push_delivery where status = 'PENDING'),
                   (select count(*) from push_delivery where status = 'DEAD'),
                   (select count(*) from issue where status in ('FORWARDED', 'IN_PROGRESS') and due_date < :today),
                   (select count(*) from photo where status = 'PENDING')""";

    private final Map<String, AtomicLong> values = new LinkedHashMap<>();

    private final Clock clock;

    public Gauges(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        NAMES.forEach(name -> {
            AtomicLong value = new AtomicLong();
            values.put(name, value);
            Gauge.builder(name, value, AtomicLong::get).register(registry);
        });
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
                }).replaceWithVoid();
        return all.onFailure().invoke(e -> LOG.warn("Could not refresh the operational gauges", e)).onFailure().recoverWithNull();
    }
}
