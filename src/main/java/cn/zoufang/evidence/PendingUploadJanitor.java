package cn.zoufang.evidence;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Removes uploads never confirmed within the pending TTL, objects included, and what lands on an upload
 * key after its photo was decided (a second upload with the same form: never served, removed once the
 * form has expired). Rows are claimed as {@link PhotoBatches} does, so replicas share the work.
 */
@ApplicationScoped
@WithSession
public class PendingUploadJanitor {

    private static final Logger LOG = Logger.getLogger(PendingUploadJanitor.class);
    private static final int BATCH = 100;

    private final ObjectStore store;
    private final EvidenceConfig config;
    private final Notifier notifier;

    private final Clock clock;

    public PendingUploadJanitor(ObjectStore store, EvidenceConfig config, Notifier notifier, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.config = config;
        this.notifier = notifier;
    }

    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        // A minute's margin: the store judges a form's expiry by its own clock.
        return sweep(Dates.now(clock).minus(config.pendingTtl()))
                .chain(() -> sweepStrays(Dates.now(clock).minus(config.uploadExpiry()).minusMinutes(1)))
                .replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Pending upload clean-up failed; will retry", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many pending uploads created before {@code before} were removed */
    public Uni<Integer> sweep(OffsetDateTime before) {
        return PhotoBatches.claim("status = 'PENDING' and created_at < :before", Map.of("before", before), BATCH,
                p -> store.remove(p.uploadKey).invoke(() -> {
                    p.status = PhotoStatus.REJECTED;
                    p.rejectReason = RejectReason.UPLOAD_EXPIRED;
                    p.confirmedAt = Dates.now(clock);
                    p.uploadKey = null;
                }).chain(() -> notifier.notify(List.of(p.uploadedBy), NotificationType.PHOTO_REJECTED, p.id, false)));
    }

    /** @return how many decided photos whose upload form was issued before {@code before} had their upload key cleared */
    public Uni<Integer> sweepStrays(OffsetDateTime before) {
        return PhotoBatches.claim("status <> 'PENDING' and upload_key is not null and created_at < :before",
                Map.of("before", before), BATCH, p -> store.remove(p.uploadKey).invoke(() -> p.uploadKey = null));
    }
}
