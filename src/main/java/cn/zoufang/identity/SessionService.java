package cn.zoufang.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Logins as their owner sees them: one per refresh-token family, listed and ended one by one; and ending
 * all of an account's at once (disabled, password changed, roles changed). Ending tells the
 * {@link SessionGate} after the transaction committed, so the access tokens stop too.
 */
@ApplicationScoped
@WithSession
public class SessionService {

    public record SessionView(UUID id, LoginMethod method, String methodLabel, String client, OffsetDateTime startedAt,
            OffsetDateTime lastActiveAt, boolean current) {
    }

    private final SessionGate gate;
    private final AuditLog audit;
    private final Clock clock;

    public SessionService(SessionGate gate, AuditLog audit, Clock clock) {
        this.gate = gate;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's live logins, the latest first; {@code current} marks the caller's own. */
    public Uni<List<SessionView>> list(UUID accountId, UUID current) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select family_id, min(issued_at), max(issued_at), min(method), min(client)
                from refresh_token where account_id = :account
                group by family_id
                having bool_and(revoked_at is null) and bool_or(used_at is null and expires_at > :now)
                order by max(issued_at) desc limit 100""", Object[].class)
                .setParameter("account", accountId).setParameter("now", Dates.now(clock)).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    LoginMethod method = LoginMethod.valueOf((String) r[3]);
                    return new SessionView((UUID) r[0], method, method.label(), (String) r[4], (OffsetDateTime) r[1],
                            (OffsetDateTime) r[2], r[0].equals(current));
                }).toList());
    }

    /** Ends one login of this account; another account's login is not found (404). */
    public Uni<Void> end(Caller caller, UUID accountId, UUID sessionId) {
        return Panache.withTransaction(() -> RefreshToken.update(
                "revokedAt = ?1 where familyId = ?2 and accountId = ?3 and revokedAt is null", Dates.now(clock), sessionId,
                accountId)
                .invoke(n -> {
                    if (n == 0) {
                        throw ApiException.notFound("登录");
                    }
                })
                .chain(() -> audit.record(Entry.by(caller, "SESSION_END", "ACCOUNT", accountId).detail("session " + sessionId))))
                .invoke(() -> gate.sessionsEnded(List.of(sessionId)));
    }

    /**
     * In the caller's transaction: every login of the account ends and every access token it holds is refused.
     * Call {@link #announce} once the transaction committed.
     */
    public Uni<Void> endAll(Account account) {
        raiseEpoch(account);
        return RefreshToken.update("revokedAt = ?1 where accountId = ?2 and revokedAt is null", account.tokenEpochAt,
                account.id).replaceWithVoid();
    }

    /**
     * In the caller's transaction, what disabling an account means everywhere: no login, every session ended,
     * its phones no longer pushed to (a phone handed on must not show the next person's work). Call
     * {@link #announce} once the transaction committed.
     */
    public Uni<Void> disable(Account account) {
        account.active = false;
        account.disabledAt = Dates.now(clock);
        return endAll(account).chain(() -> Panache.getSession()).chain(s -> s.createNativeQuery(
                "update device set active = false, updated_at = :at where account_id = :account and active")
                .setParameter("at", account.disabledAt).setParameter("account", account.id).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Its access tokens are refused, its logins go on: the next refresh carries what changed (roles, phone).
     * Call {@link #announce} once the transaction committed.
     */
    public void raiseEpoch(Account account) {
        account.tokenEpoch++;
        account.tokenEpochAt = Dates.now(clock);
    }

    /** Access tokens older than the account's new epoch are refused on this replica at once (the others follow). */
    public void announce(Account account) {
        gate.epochRaised(account.id, account.tokenEpoch);
    }
}
