package cn.zoufang.evidence;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Once location retention has cleared a photo's position from the database, the stored original loses
 * its EXIF position too: rewritten in place with the GPS values zeroed ({@link ExifPositions}). The hash
 * the phone's upload was verified against stays in the row and in the audit trail beside the hash of
 * what is stored now. Rows are claimed as {@link PhotoBatches} does, so replicas share the work.
 */
@ApplicationScoped
@WithSession
public class PhotoPositionRetention {

    private static final Logger LOG = Logger.getLogger(PhotoPositionRetention.class);
    private static final int BATCH = 20;

    private final ObjectStore store;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;

    public PhotoPositionRetention(ObjectStore store, AuditLog audit, Vertx vertx, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(n -> {
            if (n > 0) {
                LOG.infof("Removed the EXIF position from %d stored photos", n);
            }
        }).replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Removing stored photos' positions failed; will retry", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many photos were looked at (one batch) */
    public Uni<Integer> run() {
        return PhotoBatches.claim("gps_scrub_due", Map.of(), BATCH, p -> scrub(p)
                // One photo the store cannot give back does not hold up the others.
                .onFailure().invoke(f -> LOG.warnf("Photo %s keeps its EXIF position for now: %s", p.id, f))
                .onFailure().recoverWithNull());
    }

    private Uni<Void> scrub(Photo p) {
        Uni<Void> done = Uni.createFrom().voidItem().invoke(() -> {
            p.gpsScrubDue = false;
            p.gpsScrubbedAt = Dates.now(clock);
        });
        if (p.objectKey == null) {
            return done;
        }
        return store.read(p.objectKey)
                .flatMap(bytes -> vertx.executeBlocking(Uni.createFrom().item(() -> ExifPositions.remove(bytes)))
                        .flatMap(scrubbed -> {
                            if (scrubbed == bytes) {
                                return done;
                            }
                            String stored = PhotoInspector.sha256(scrubbed);
                            return store.write(p.objectKey, scrubbed, p.contentType)
                                    .chain(() -> audit.record(Entry.system("PHOTO_POSITION_REMOVED", "PHOTO", p.id)
                                            .detail("verified sha256 " + p.sha256 + "; stored now " + stored)))
                                    .invoke(() -> p.storedSha256 = stored)
                                    .chain(() -> done);
                        }));
    }
}
