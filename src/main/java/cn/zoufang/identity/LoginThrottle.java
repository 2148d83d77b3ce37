package cn.zoufang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import cn.zoufang.audit.AuditEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Throttles password guessing per phone number. The audit trail already holds every failed login,
 * so the count comes from there: nothing extra to store, and every replica sees the same count.
 */
@ApplicationScoped
@WithSession
public class LoginThrottle {

    public static final String ACTION = "LOGIN";

    private final int maxFailures;
    private final Duration window;

    private final Clock clock;

    public LoginThrottle(AuthConfig config, Clock clock) {
        this.clock = clock;
        this.maxFailures = config.throttle().maxFailures();
        this.window = config.throttle().window();
    }

    /** @return how long the phone number must wait, or empty when a login may be tried now */
    public Uni<Optional<Duration>> waitFor(String phone) {
        OffsetDateTime now = Dates.now(clock);
        // Failures before the last success do not count: a user who got in is not locked out later.
        return AuditEvent.<AuditEvent>find("""
                action = ?1 and targetId = ?2 and result = 'FAILURE' and occurredAt > ?3
                and occurredAt > coalesce((select max(s.occurredAt) from AuditEvent s
                    where s.action = ?1 and s.targetId = ?2 and s.result = 'SUCCESS'), ?3)
                order by occurredAt desc""", ACTION, phone, now.minus(window))
                .page(0, maxFailures).list()
                .map(failures -> retryAfter(failures, now));
    }

    private Optional<Duration> retryAfter(List<AuditEvent> recentFailures, OffsetDateTime now) {
        if (recentFailures.size() < maxFailures) {
            return Optional.empty();
        }
        OffsetDateTime oldest = recentFailures.get(recentFailures.size() - 1).occurredAt;
        Duration wait = Duration.between(now, oldest.plus(window));
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }
}
