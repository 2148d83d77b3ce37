package cn.zoufang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens are checked by signature alone, so a disabled account, a changed role or an ended login
 * would keep working until its token expires (15 minutes). This gate refuses them sooner: every replica
 * keeps in memory the accounts whose {@code token_epoch} rose and the logins revoked within the last
 * access-token lifetime, reads both again from the database every few seconds (so a change made on another
 * replica holds here within {@code zoufang.auth.session-check-every}, 15 s by default) and learns this
 * replica's own changes at once. A token whose epoch is older, or whose login ended, is refused as
 * unauthenticated (401): the app refreshes, which fails for an ended login and gives new roles otherwise.
 */
@ApplicationScoped
public class SessionGate implements SecurityIdentityAugmentor {

    /** Account → the lowest epoch still accepted, and when that was learnt (to forget it later). */
    private final Map<UUID, Epoch> epochs = new ConcurrentHashMap<>();
    /** Ended logins (refresh-token families) → when they were ended. */
    private final Map<UUID, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Duration remember;
    private final Clock clock;

    private record Epoch(int min, Instant at) {
    }

    public SessionGate(TokenService tokens, Clock clock) {
        // An access token lives this long at most (and the verifier allows 30 s of clock skew).
        this.remember = tokens.accessTokenTtl().plusMinutes(1);
        this.clock = clock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        if (ended(jwt)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("session ended"));
        }
        return Uni.createFrom().item(identity);
    }

    boolean ended(JsonWebToken jwt) {
        UUID account;
        try {
            account = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            return true;
        }
        Epoch min = epochs.get(account);
        if (min != null && epochOf(jwt) < min.min()) {
            return true;
        }
        String sid = text(jwt.getClaim(TokenService.SESSION_CLAIM));
        if (sid != null) {
            try {
                return endedSessions.containsKey(UUID.fromString(sid));
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        return false;
    }

    private static int epochOf(JsonWebToken jwt) {
        Object value = jwt.getClaim(TokenService.EPOCH_CLAIM);
        if (value instanceof JsonNumber n) {
            return n.intValue();
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        // Tokens made before epochs existed count as epoch 0.
        return 0;
    }

    private static String text(Object value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }

    /** This replica's own change, after its transaction committed: refused here at once. */
    public void epochRaised(UUID account, int newEpoch) {
        Instant now = clock.instant();
        epochs.merge(account, new Epoch(newEpoch, now), (a, b) -> a.min() >= b.min() ? a : b);
    }

    public void sessionsEnded(List<UUID> families) {
        Instant now = clock.instant();
        families.forEach(f -> endedSessions.put(f, now));
    }

    void load(@Observes StartupEvent event) throws Throwable {
        // A replica that starts must not accept, even for a few seconds, what the others already refuse.
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "${zoufang.auth.session-check-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reload() {
        OffsetDateTime since = Dates.now(clock).minus(remember);
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select id, token_epoch from account where token_epoch_at > :since", Object[].class)
                .setParameter("since", since).getResultList()
                .invoke(rows -> rows.forEach(r -> epochRaised((UUID) r[0], ((Number) r[1]).intValue())))
                .chain(() -> s.createNativeQuery(
                        "select distinct family_id from refresh_token where revoked_at > :since", UUID.class)
                        .setParameter("since", since).getResultList())
                .invoke(this::sessionsEnded)))
                .invoke(this::forget)
                .replaceWithVoid();
    }

    /** What is older than any token still alive says nothing any more. */
    private void forget() {
        Instant before = clock.instant().minus(remember);
        epochs.values().removeIf(e -> e.at().isBefore(before));
        endedSessions.values().removeIf(at -> at.isBefore(before));
    }
}
