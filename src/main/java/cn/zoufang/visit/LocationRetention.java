package cn.zoufang.visit;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Officials' positions are personal data: once a visit's check-in is older than the retention period
 * (180 days by default), its coordinates, accuracy and distance are cleared and the verdict alone
 * remains; the visit's photos lose their EXIF position the same way, and so do issues' photos of that age
 * (the stored originals too: {@code evidence.PhotoPositionRetention} rewrites them, flagged here).
 * Idempotent, so every replica may run it.
 */
@ApplicationScoped
public class LocationRetention {

    private static final Logger LOG = Logger.getLogger(LocationRetention.class);

    private final VisitConfig config;

    private final Clock clock;

    public LocationRetention(VisitConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(cron = "${zoufang.visit.location-retention-cron:0 15 3 * * ?}", timeZone = "Asia/Shanghai")
    Uni<Void> nightly() {
        return run().invoke(n -> {
            if (n > 0) {
                LOG.infof("Cleared the check-in positions of %d visits older than %s", n, config.locationRetention());
            }
        }).replaceWithVoid().onFailure().invoke(e -> LOG.warn("Location retention failed", e)).onFailure().recoverWithNull();
    }

    /** @return how many visits lost their position */
    @WithTransaction
    public Uni<Integer> run() {
        OffsetDateTime before = Dates.now(clock).minus(config.locationRetention());
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                update photo set gps_latitude = null, gps_longitude = null, gps_scrub_due = true
                where owner_type = 'VISIT' and gps_latitude is not null
                  and owner_id in (select id from visit where check_in_at < :before)""")
                .setParameter("before", before).executeUpdate()
                // Photos of issues (an official's, a department's) keep where they were taken just as long.
                .chain(() -> s.createNativeQuery("""
                        update photo set gps_latitude = null, gps_longitude = null, gps_scrub_due = true
                        where owner_type = 'ISSUE' and gps_latitude is not null and created_at < :before""")
                        .setParameter("before", before).executeUpdate())
                .chain(() -> s.createNativeQuery("""
                        update visit set check_in_latitude = null, check_in_longitude = null,
                                         check_in_accuracy_m = null, check_in_distance_m = null
                        where check_in_at < :before and check_in_latitude is not null""")
                        .setParameter("before", before).executeUpdate()));
    }
}
