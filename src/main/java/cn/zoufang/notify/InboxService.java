package cn.zoufang.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.InboxResource.DeviceInput;
import cn.zoufang.notify.InboxResource.DeviceView;
import cn.zoufang.notify.InboxResource.InboxItem;
import cn.zoufang.notify.InboxResource.Marked;
import cn.zoufang.notify.InboxResource.Settings;
import cn.zoufang.notify.InboxResource.Unread;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A person's inbox and devices: every query is limited to the calling account. */
@ApplicationScoped
@WithSession
public class InboxService {

    private final Clock clock;

    public InboxService(Clock clock) {
        this.clock = clock;
    }

    public Uni<Page<InboxItem>> inbox(UUID me, String rawCursor, int size) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Uni<java.util.List<Notification>> rows;
        if (cursor == null) {
            rows = Notification.<Notification>find("accountId = ?1 order by createdAt desc, id desc", me)
                    .range(0, size).list();
        } else {
            OffsetDateTime at = cursor.time(0);
            UUID id = cursor.uuid(1);
            rows = Notification.<Notification>find("accountId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))"
                    + " order by createdAt desc, id desc", me, at, id).range(0, size).list();
        }
        return rows.map(list -> Page.of(list, size, InboxItem::of, n -> Cursor.of(n.createdAt.toString(), n.id.toString())));
    }

    public Uni<Unread> unread(UUID me) {
        return Notification.count("accountId = ?1 and readAt is null", me).map(Unread::new);
    }

    @WithTransaction
    public Uni<Void> markRead(UUID me, UUID id) {
        return Notification.update("readAt = ?1 where id = ?2 and accountId = ?3 and readAt is null",
                Dates.now(clock), id, me)
                .flatMap(n -> n > 0 ? Uni.createFrom().voidItem()
                        : Notification.count("id = ?1 and accountId = ?2", id, me).map(exists -> {
                            if (exists == 0) {
                                throw ApiException.notFound("通知");
                            }
                            return null;
                        }));
    }

    @WithTransaction
    public Uni<Marked> markAllRead(UUID me) {
        return Notification.update("readAt = ?1 where accountId = ?2 and readAt is null", Dates.now(clock), me)
                .map(Marked::new);
    }

    public Uni<Settings> settings(UUID me) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select daily_digest from notification_setting where account_id = :a", Boolean.class)
                .setParameter("a", me).getResultList())
                .map(rows -> new Settings(!rows.isEmpty() && rows.get(0)));
    }

    /** Choosing the digest starts its clock now: what came before was already pushed one by one. */
    @WithTransaction
    public Uni<Settings> saveSettings(UUID me, Settings in) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into notification_setting (account_id, daily_digest, updated_at) values (:a, :d, :now)
                on conflict (account_id) do update set daily_digest = excluded.daily_digest,
                    last_digest_at = case when notification_setting.daily_digest then notification_setting.last_digest_at end,
                    updated_at = case when notification_setting.daily_digest = excluded.daily_digest
                                      then notification_setting.updated_at else :now end""")
                .setParameter("now", Dates.now(clock))
                .setParameter("a", me).setParameter("d", in.dailyDigest()).executeUpdate())
                .map(n -> in);
    }

    /** Registers the installation, or its refreshed token; a token moving to this installation leaves its old one. */
    @WithTransaction
    public Uni<DeviceView> register(UUID me, UUID installationId, DeviceInput in) {
        Device.Provider provider = in.provider() != null ? in.provider() : Device.Provider.defaultFor(in.platform());
        if (!provider.serves(in.platform())) {
            throw ApiException.invalidField("provider", FieldCode.INVALID, in.platform() == Device.Platform.IOS
                    ? "iOS 设备请使用 FCM 推送" : "鸿蒙设备请使用华为推送（HMS）");
        }
        OffsetDateTime now = Dates.now(clock);
        return Device.update("active = false, updatedAt = ?1 where token = ?2 and id <> ?3 and active", now, in.token(),
                installationId)
                .chain(() -> Panache.flush())
                .chain(() -> Device.<Device>findById(installationId))
                .flatMap(existing -> {
                    // Another account's installation moves to this one only from that phone itself (it knows
                    // the push token) or once that account logged out there; otherwise a stranger who learnt an
                    // installation id could silence someone's pushes.
                    if (existing != null && !existing.accountId.equals(me) && existing.active
                            && !existing.token.equals(in.token())) {
                        throw new ApiException(ErrorCode.CONFLICT, "该设备已登记在其他账号下：请先在这台手机上退出原账号");
                    }
                    Device d = existing != null ? existing : new Device();
                    if (existing == null) {
                        d.id = installationId;
                        d.createdAt = now;
                    }
                    d.accountId = me;
                    d.token = in.token();
                    d.platform = in.platform();
                    d.provider = provider;
                    d.appVersion = in.appVersion();
                    d.locale = in.locale();
                    d.active = true;
                    d.lastSeenAt = now;
                    d.updatedAt = now;
                    return (existing == null ? d.persist() : Uni.createFrom().item(d))
                            .map(x -> new DeviceView(d.id, d.platform, d.provider, d.appVersion, d.locale, d.active, d.lastSeenAt));
                });
    }

    /** On logout: this installation gets no more pushes. */
    @WithTransaction
    public Uni<Void> unregister(UUID me, UUID installationId) {
        return Device.update("active = false, updatedAt = ?1 where id = ?2 and accountId = ?3", Dates.now(clock),
                installationId, me).replaceWithVoid();
    }
}
