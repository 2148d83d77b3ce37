package cn.zoufang.notify;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Forgets installations not seen for {@code delete-after} (270 days), their pending pushes with them.
 * (Tokens not seen for 30 days are already left out when pushes are queued.) Deleting twice from two
 * replicas is harmless, so no lock is needed.
 */
@ApplicationScoped
@WithSession
public class DeviceJanitor {

    private final PushConfig config;

    private final Clock clock;

    public DeviceJanitor(PushConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(cron = "0 30 3 * * ?", timeZone = "Asia/Shanghai")
    Uni<Void> nightly() {
        return deleteStale().replaceWithVoid();
    }

    /** @return how many installations were deleted */
    public Uni<Long> deleteStale() {
        return Panache.withTransaction(() -> Device.delete("lastSeenAt < ?1",
                Dates.now(clock).minus(config.deleteAfter())));
    }
}
