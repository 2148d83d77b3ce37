package cn.zoufang.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.sms.SmsOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes notifications: an inbox row per recipient, one outbox row per active device, and the SMS the
 * rules ask for, in the caller's transaction, so that a change and its notifications commit or roll back
 * together.
 */
@ApplicationScoped
public class Notifier {

    private final PushConfig config;
    private final SmsOutbox sms;

    private final Clock clock;

    public Notifier(PushConfig config, SmsOutbox sms, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.sms = sms;
    }

    public Uni<Void> notify(Collection<UUID> recipients, NotificationType type, UUID objectId, boolean urgent) {
        Set<UUID> unique = new LinkedHashSet<>(recipients);
        if (unique.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime pushAt = urgent ? now : afterQuietHours(now);
        return Multi.createFrom().iterable(unique).onItem()
                .transformToUniAndConcatenate(accountId -> insert(accountId, type, objectId, urgent, now, null)
                        .call(id -> queuePush(id, accountId, pushAt, !urgent)))
                .collect().asList()
                .chain(ids -> sms.afterNotify(type, ids));
    }

    /**
     * A reminder that goes out at most once: {@code claim} inserts the row that records it ({@code on conflict do
     * nothing}), in one transaction with the inbox rows, so replicas running the same job send it once.
     * @return whether this call sent it
     */
    public Uni<Boolean> once(String claim, java.util.Map<String, Object> key, java.util.function.Supplier<Uni<List<UUID>>> to,
            NotificationType type, UUID objectId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> {
            var insert = s.createNativeQuery(claim);
            key.forEach(insert::setParameter);
            return insert.executeUpdate();
        }).flatMap(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                : to.get().flatMap(recipients -> notify(recipients, type, objectId, false)).replaceWith(true)));
    }

    /**
     * One inbox row; @return its id. A plain insert rather than a persisted entity: a job that notifies
     * thousands in one session would otherwise make every flush walk all the notifications it made before.
     */
    Uni<UUID> insert(UUID accountId, NotificationType type, UUID objectId, boolean urgent, OffsetDateTime at,
            OffsetDateTime readAt) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into notification (id, account_id, type, object_type, object_id, urgent, created_at, read_at)
                values (:id, :account, :type, :objectType, :object, :urgent, :at, :readAt)""")
                .setParameter("id", id).setParameter("account", accountId).setParameter("type", type.name())
                .setParameter("objectType", type.objectType()).setParameter("object", objectId)
                .setParameter("urgent", urgent).setParameter("at", at).setParameter("readAt", readAt)
                .executeUpdate()).replaceWith(id);
    }

    /**
     * One outbox row per fresh device of the account. A non-urgent notification is not pushed on its own
     * to someone who chose the daily digest: the digest tells of it.
     */
    Uni<Integer> queuePush(UUID notificationId, UUID accountId, OffsetDateTime pushAt, boolean digestible) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into push_delivery (notification_id, device_id, status, next_attempt_at)
                select :n, d.id, 'PENDING', :at from device d
                where d.account_id = :a and d.active and d.last_seen_at > :fresh
                  and not (:digestible and exists (select 1 from notification_setting ns
                                                   where ns.account_id = :a and ns.daily_digest))""")
                .setParameter("n", notificationId).setParameter("at", pushAt).setParameter("a", accountId)
                .setParameter("fresh", Dates.now(clock).minus(config.staleAfter()))
                .setParameter("digestible", digestible).executeUpdate());
    }

    /** A push created in the quiet hours (22:00–08:00 China time by default) waits for the morning. */
    OffsetDateTime afterQuietHours(OffsetDateTime at) {
        return QuietHours.after(at, config.quietFrom(), config.quietUntil());
    }

    // ---- who receives what: the queries the triggers share -----------------------------------

    public Uni<List<UUID>> departmentHandlers(UUID departmentId) {
        if (departmentId == null) {
            return Uni.createFrom().item(List.of());
        }
        return accounts("select a.id from Account a where a.active and a.departmentId = ?1 and a.rolesText like ?2",
                departmentId, "%," + Role.DEPARTMENT_HANDLER.name() + ",%");
    }

    public Uni<List<UUID>> withRole(Role role) {
        return accounts("select a.id from Account a where a.active and a.rolesText like ?1", "%," + role.name() + ",%");
    }

    /** Contacts who activated their account: an imported one waiting to activate has no inbox to read yet. */
    public Uni<List<UUID>> enterpriseContacts(UUID enterpriseId) {
        return accounts("select a.id from Account a where a.active and a.activatedAt is not null and a.enterpriseId = ?1",
                enterpriseId);
    }

    /** The members (leader included) of the group the enterprise is assigned to today. */
    public Uni<List<UUID>> groupOf(UUID enterpriseId, boolean leaderOnly) {
        String who = leaderOnly ? "select g.leaderId from AssistanceGroup g, Assignment x where g.id = x.groupId"
                : "select m.accountId from GroupMember m, Assignment x where m.groupId = x.groupId";
        return accounts(who + " and x.enterpriseId = ?1 and x.startDate <= ?2 and (x.endDate is null or x.endDate >= ?2)",
                enterpriseId, Dates.today(clock));
    }

    public Uni<List<UUID>> groupMembers(UUID groupId) {
        return accounts("select m.accountId from GroupMember m where m.groupId = ?1", groupId);
    }

    private static Uni<List<UUID>> accounts(String hql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, UUID.class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }
}
