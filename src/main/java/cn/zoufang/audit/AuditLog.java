package cn.zoufang.audit;

import java.time.Clock;
import java.util.Collection;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends to the audit trail. {@link #record} joins the caller's transaction, so a write and its audit
 * row commit or roll back together; {@link #recordAlone} commits on its own (failed logins, which
 * must be kept although the request fails).
 */
@ApplicationScoped
public class AuditLog {

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public enum Result { SUCCESS, FAILURE, DENIED }

    public record Entry(java.util.UUID actorId, String actorPhone, Collection<?> actorRoles, String action,
            String targetType, String targetId, Result result, String detail) {

        public static Entry by(Caller caller, String action, String targetType, Object targetId) {
            return new Entry(caller.id(), caller.phone(), caller.roles(), action, targetType,
                    targetId == null ? null : targetId.toString(), Result.SUCCESS, null);
        }

        /** What the service does on its own (a scheduled job): no actor. */
        public static Entry system(String action, String targetType, Object targetId) {
            return new Entry(null, null, null, action, targetType, targetId == null ? null : targetId.toString(),
                    Result.SUCCESS, null);
        }

        public Entry detail(String text) {
            return new Entry(actorId, actorPhone, actorRoles, action, targetType, targetId, result, text);
        }

        public Entry result(Result r) {
            return new Entry(actorId, actorPhone, actorRoles, action, targetType, targetId, r, detail);
        }
    }

    public Uni<Void> record(Entry entry) {
        return toEvent(entry).persist().replaceWithVoid();
    }

    public Uni<Void> recordAlone(Entry entry) {
        return Panache.withTransaction(() -> record(entry));
    }

    /**
     * Someone read personal data (contact phone numbers, staff lists, an export of the ledger): who, what and
     * how much, so that a leak can be traced to the reads that could have caused it.
     */
    public Uni<Void> personalDataRead(Caller caller, String action, String targetType, Object targetId, String detail) {
        return recordAlone(Entry.by(caller, action, targetType, targetId).detail(detail));
    }

    private AuditEvent toEvent(Entry e) {
        AuditEvent ev = new AuditEvent();
        ev.occurredAt = Dates.now(clock);
        ev.actorId = e.actorId();
        ev.actorPhone = e.actorPhone();
        ev.actorRoles = e.actorRoles() == null ? null
                : e.actorRoles().stream().map(Object::toString).sorted().collect(Collectors.joining(","));
        ev.action = e.action();
        ev.targetType = e.targetType();
        ev.targetId = e.targetId();
        ev.result = e.result().name();
        ev.detail = e.detail() == null ? null : e.detail().substring(0, Math.min(1000, e.detail().length()));
        return ev;
    }
}
