package cn.zoufang.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.web.Dates;
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

    /** Gauge name → the query that counts it. */
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("zoufang.push.due", "select count(*) from push_delivery where status = 'PENDING' and next_attempt_at <= now()");
        QUERIES.put("zoufang.push.pending", "select count(*) from push_delivery where status = 'PENDING'");
        QUERIES.put("zoufang.push.dead", "select count(*) from push_delivery where status = 'DEAD'");
        QUERIES.put("zoufang.issues.overdue",
                "select count(*) from issue where status in ('FORWARDED', 'IN_PROGRESS') and due_date < :today");
        QUERIES.put("zoufang.uploads.pending", "select count(*) from photo where status = 'PENDING'");
    }

    private final Map<String, AtomicLong> values = new LinkedHashMap<>();

    public Gauges(MeterRegistry registry) {
        QUERIES.keySet().forEach(name -> {
            AtomicLong value = new AtomicLong();
            values.put(name, value);
            Gauge.builder(name, value, AtomicLong::get).register(registry);
        });
    }

    @Scheduled(every = "${zoufang.ops.gauges-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    public Uni<Void> refresh() {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> q : QUERIES.entrySet()) {
            all = all.chain(() -> Panache.getSession().flatMap(s -> {
                var query = s.createNativeQuery(q.getValue(), Long.class);
                if (q.getValue().contains(":today")) {
                    query.setParameter("today", Dates.today());
                }
                return query.getSingleResult();
            }).invoke(n -> values.get(q.getKey()).set(n)).replaceWithVoid());
        }
        return all.onFailure().invoke(e -> LOG.warn("Could not refresh the operational gauges", e)).onFailure().recoverWithNull();
    }
}
