package cn.zoufang.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Pushes given up as DEAD (after the configured attempts): the admin's list, and putting one back in the queue. */
@ApplicationScoped
public class PushAdmin {

    private final Clock clock;

    public PushAdmin(Clock clock) {
        this.clock = clock;
    }

    public record DeadPush(long id, UUID notificationId, NotificationType type, String typeTitle, UUID accountId,
            String accountName, UUID deviceId, Device.Platform platform, Device.Provider provider, int attempts,
            String lastError,
            OffsetDateTime notifiedAt, OffsetDateTime lastAttemptAt) {
    }

    /** Newest first; of one push channel when {@code provider} is given. */
    @WithSession
    public Uni<Page<DeadPush>> dead(Device.Provider provider, String rawCursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor cursor = Cursor.decode(rawCursor, 1);
        long before = cursor == null ? Long.MAX_VALUE : cursor.number(0);
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select p.id, n.id, n.type, a.id, a.display_name, d.id, d.platform, d.provider, p.attempts, p.last_error,
                       n.created_at, p.last_attempt_at
                from push_delivery p join notification n on n.id = p.notification_id
                join account a on a.id = n.account_id join device d on d.id = p.device_id
                where p.status = 'DEAD' and p.id < :before and (cast(:provider as text) is null or d.provider = :provider)
                order by p.id desc limit :size""", Object[].class)
                .setParameter("before", before).setParameter("size", size + 1)
                .setParameter("provider", provider == null ? null : provider.name()).getResultList())
                .map(rows -> Page.of(rows, size, r -> {
                    NotificationType type = NotificationType.valueOf((String) r[2]);
                    return new DeadPush(((Number) r[0]).longValue(), (UUID) r[1], type, type.title(), (UUID) r[3],
                            (String) r[4], (UUID) r[5], Device.Platform.valueOf((String) r[6]),
                            Device.Provider.valueOf((String) r[7]), ((Number) r[8]).intValue(), (String) r[9],
                            (OffsetDateTime) r[10], (OffsetDateTime) r[11]);
                }, r -> Cursor.of(String.valueOf(((Number) r[0]).longValue()))));
    }

    /** Back in the queue with its attempts reset (when FCM's fault is fixed, say); 404 unless it is dead. */
    @WithTransaction
    public Uni<Void> retry(long id) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                update push_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = null
                where id = :id and status = 'DEAD'""").setParameter("id", id).setParameter("now", Dates.now(clock)).executeUpdate())
                .map(n -> {
                    if (n == 0) {
                        throw ApiException.notFound("失败的推送");
                    }
                    return null;
                });
    }
}
