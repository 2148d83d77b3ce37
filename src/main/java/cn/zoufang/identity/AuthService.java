package cn.zoufang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.audit.AuditLog.Result;
import cn.zoufang.identity.AuthDtos.LoginRequest;
import cn.zoufang.identity.AuthDtos.TokenResponse;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.RateLimiter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Login, refresh-token rotation and logout. Failures that must leave a trace (a failed login, a
 * reused refresh token) commit their audit row or revocation first and fail afterwards, which is
 * why the transactions here are explicit rather than one {@code @WithTransaction} per method.
 */
@ApplicationScoped
@WithSession
public class AuthService {

    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    private final Clock clock;
    private final RateLimiter limiter;
    private final int hashesPerSecond;

    public AuthService(PasswordHasher hasher, TokenService tokens, LoginThrottle throttle, AuditLog audit,
            RateLimiter limiter, AuthConfig config, Clock clock) {
        this.clock = clock;
        this.limiter = limiter;
        this.hashesPerSecond = config.hashesPerSecond();
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * @param address the client's address (behind the ingress: the forwarded one), for the throttle's
     *                per-address limits
     */
    public Uni<TokenResponse> login(LoginRequest request, String address) {
        String phone = request.phone().trim();
        // The CPU first: a flood is refused before it costs a hash or a database write.
        Optional<Duration> busy = limiter.take("password-hash", hashesPerSecond * 60, hashesPerSecond);
        if (busy.isPresent()) {
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "登录请求过多，请稍后再试", List.of(), 1);
        }
        return throttle.reserve(phone, address).flatMap(wait -> {
            if (wait.isPresent()) {
                return audit.recordAlone(loginEntry(null, phone, Result.DENIED, "throttled"))
                        .chain(() -> Uni.createFrom().failure(throttled(wait.get())));
            }
            return Account.<Account>find("phone", phone).firstResult()
                    .flatMap(account -> hasher.verify(request.password(), account == null ? null : account.passwordHash)
                            .flatMap(matches -> {
                                if (account == null || !matches || !account.active) {
                                    String why = account == null ? "unknown phone"
                                            : !matches ? "wrong password" : "account disabled";
                                    return audit.recordAlone(loginEntry(account, phone, Result.FAILURE, why))
                                            .chain(() -> Uni.createFrom().failure(badCredentials()));
                                }
                                return Panache.withTransaction(() -> throttle.succeeded(phone, address)
                                        .chain(() -> startFamily(account)));
                            }));
        });
    }

    public Uni<TokenResponse> refresh(String rawToken) {
        String hash = TokenService.hash(rawToken);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", hash)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(this::rotate))
                .map(RefreshOutcome::orThrow);
    }

    public Uni<Void> logout(String rawToken) {
        String hash = TokenService.hash(rawToken);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", hash).firstResult()
                .flatMap(token -> token == null ? Uni.createFrom().voidItem()
                        : revokeFamily(token.familyId)
                                .chain(() -> audit.record(new Entry(token.accountId, null, null, "LOGOUT",
                                        "ACCOUNT", token.accountId.toString(), Result.SUCCESS, null)))));
    }

    private Uni<TokenResponse> startFamily(Account account) {
        TokenService.IssuedRefresh refresh = tokens.newRefreshToken(account.id, UUID.randomUUID());
        return refresh.row().persist()
                .chain(() -> audit.record(loginEntry(account, account.phone, Result.SUCCESS, null)))
                .map(v -> response(account, refresh.raw()));
    }

    private Uni<RefreshOutcome> rotate(RefreshToken token) {
        OffsetDateTime now = Dates.now(clock);
        if (token == null || token.revokedAt != null || token.expiresAt.isBefore(now)) {
            return Uni.createFrom().item(RefreshOutcome.INVALID);
        }
        if (token.usedAt != null) {
            // A rotated token came back: someone holds a copy. End every session of this family.
            return revokeFamily(token.familyId)
                    .chain(() -> audit.record(new Entry(token.accountId, null, null, "REFRESH_REUSED", "ACCOUNT",
                            token.accountId.toString(), Result.DENIED, "family " + token.familyId + " revoked")))
                    .replaceWith(RefreshOutcome.REUSED);
        }
        token.usedAt = now;
        return Account.<Account>findById(token.accountId).flatMap(account -> {
            if (account == null || !account.active) {
                return revokeFamily(token.familyId).replaceWith(RefreshOutcome.INVALID);
            }
            TokenService.IssuedRefresh next = tokens.newRefreshToken(account.id, token.familyId);
            return next.row().persist()
                    .replaceWith(RefreshOutcome.issued(response(account, next.raw())));
        });
    }

    private Uni<Void> revokeFamily(UUID familyId) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null",
                Dates.now(clock), familyId).replaceWithVoid();
    }

    private TokenResponse response(Account account, String refresh) {
        return new TokenResponse(tokens.accessToken(account), "Bearer", tokens.accessTokenSeconds(), refresh,
                tokens.refreshTokenSeconds());
    }

    private static Entry loginEntry(Account account, String phone, Result result, String detail) {
        return new Entry(account == null ? null : account.id, phone, account == null ? null : account.roles,
                LoginThrottle.ACTION, "ACCOUNT", phone, result, detail);
    }

    private static ApiException badCredentials() {
        return new ApiException(ErrorCode.BAD_CREDENTIALS, "手机号或密码不正确");
    }

    private static ApiException throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS, "请在 " + ((seconds + 59) / 60) + " 分钟后再试",
                List.of(), (int) seconds);
    }

    /** What a refresh attempt came to, decided inside the transaction and thrown after it commits. */
    private record RefreshOutcome(TokenResponse tokens, ErrorCode error) {
        static final RefreshOutcome INVALID = new RefreshOutcome(null, ErrorCode.REFRESH_TOKEN_INVALID);
        static final RefreshOutcome REUSED = new RefreshOutcome(null, ErrorCode.REFRESH_TOKEN_REUSED);

        static RefreshOutcome issued(TokenResponse tokens) {
            return new RefreshOutcome(tokens, null);
        }

        TokenResponse orThrow() {
            if (error != null) {
                throw new ApiException(error, error == ErrorCode.REFRESH_TOKEN_REUSED
                        ? "该登录凭证已被使用过，相关登录已全部失效，请重新登录" : "请重新登录");
            }
            return tokens;
        }
    }
}
