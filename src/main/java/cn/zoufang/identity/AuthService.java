package cn.zoufang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.audit.AuditLog.Result;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.identity.AuthDtos.Activation;
import cn.zoufang.identity.AuthDtos.CodeRequest;
import cn.zoufang.identity.AuthDtos.LoginRequest;
import cn.zoufang.identity.AuthDtos.PasswordChange;
import cn.zoufang.identity.AuthDtos.PasswordReset;
import cn.zoufang.identity.AuthDtos.SmsLoginRequest;
import cn.zoufang.identity.AuthDtos.TokenResponse;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.RateLimiter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Ways in (password, SMS code, activation, reset), password changes, refresh-token rotation and logout. Failures that must leave a trace (a failed login, a
 * reused refresh token) commit their audit row or revocation first and fail afterwards, which is
 * why the transactions here are explicit rather than one {@code @WithTransaction} per method.
 */
@ApplicationScoped
@WithSession
public class AuthService {

    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final OneTimeCodeService codes;
    private final SessionService sessions;
    private final SessionGate gate;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    private final Clock clock;
    private final RateLimiter limiter;
    private final int hashesPerSecond;

    public AuthService(PasswordHasher hasher, PasswordPolicy policy, OneTimeCodeService codes, SessionService sessions,
            SessionGate gate, TokenService tokens, LoginThrottle throttle, AuditLog audit, RateLimiter limiter,
            AuthConfig config, Clock clock) {
        this.policy = policy;
        this.codes = codes;
        this.sessions = sessions;
        this.gate = gate;
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
     * @param client  the app as it names itself (User-Agent), shown in the list of sessions
     */
    public Uni<TokenResponse> login(LoginRequest request, String address, String client) {
        return authenticate(request.phone().trim(), request.password(), request.totpCode(), address)
                .flatMap(account -> {
                    if (account.passwordChangeRequired) {
                        // The password was right: no failure to count, but no session either until it is changed.
                        return Panache.withTransaction(() -> throttle.succeeded(account.phone, address)
                                .chain(() -> audit.record(loginEntry(account, account.phone, Result.DENIED,
                                        "password change required"))))
                                .chain(() -> Uni.createFrom().failure(new ApiException(ErrorCode.PASSWORD_CHANGE_REQUIRED,
                                        "这是初始密码或管理员设置的密码，请先修改密码再登录")));
                    }
                    return Panache.withTransaction(() -> throttle.succeeded(account.phone, address)
                            .chain(() -> startFamily(account, LoginMethod.PASSWORD, client)));
                });
    }

    /** Change of one's own password: the current one (and the second factor) required; every other login ends. */
    public Uni<TokenResponse> changePassword(PasswordChange request, String address, String client) {
        String phone = request.phone().trim();
        policy.check("newPassword", request.newPassword(), phone);
        return authenticate(phone, request.password(), request.totpCode(), address)
                .flatMap(account -> hasher.verify(request.newPassword(), account.passwordHash).invoke(same -> {
                    if (same) {
                        throw ApiException.invalidField("newPassword", FieldCode.WEAK_PASSWORD, "新密码不能与原密码相同");
                    }
                }).chain(() -> hasher.hash(request.newPassword()))
                        .chain(hash -> setPassword(account.id, hash, LoginMethod.PASSWORD_CHANGE, client,
                                throttle.succeeded(phone, address))));
    }

    /** Login with a code sent by SMS to the registered phone (and the second factor, where it is on). */
    public Uni<TokenResponse> smsLogin(SmsLoginRequest request, String client) {
        String phone = request.phone().trim();
        return usable(phone, false)
                .chain(account -> codes.consume(account.id, Set.of(CodePurpose.LOGIN), request.code(), true)
                        .chain(() -> secondFactor(account, request.totpCode()))
                        .chain(() -> Panache.withTransaction(() -> startFamily(account, LoginMethod.SMS_CODE, client))));
    }

    /** A new password with a reset code: sent by SMS, or handed over by the admin. Every login ends. */
    public Uni<TokenResponse> resetPassword(PasswordReset request, String client) {
        String phone = request.phone().trim();
        policy.check("newPassword", request.newPassword(), phone);
        return usable(phone, false)
                .chain(account -> codes.consume(account.id, Set.of(CodePurpose.PASSWORD_RESET, CodePurpose.ADMIN_RESET),
                        request.code(), true).replaceWith(account))
                .chain(account -> hasher.hash(request.newPassword())
                        .chain(hash -> setPassword(account.id, hash, LoginMethod.PASSWORD_RESET, client,
                                Uni.createFrom().voidItem())));
    }

    /**
     * An imported enterprise contact's first login: the phone, the enterprise's credit code and the code sent
     * to that phone, and a password of their own. A wrong credit code counts as a wrong try of the code.
     */
    public Uni<TokenResponse> activate(Activation request, String client) {
        String phone = request.phone().trim();
        policy.check("newPassword", request.newPassword(), phone);
        return usable(phone, true)
                .chain(account -> Enterprise.<Enterprise>findById(account.enterpriseId)
                        .chain(e -> codes.consume(account.id, Set.of(CodePurpose.ACTIVATION), request.code(),
                                e != null && e.creditCode.equalsIgnoreCase(request.creditCode().trim())))
                        .replaceWith(account))
                .chain(account -> hasher.hash(request.newPassword())
                        .chain(hash -> setPassword(account.id, hash, LoginMethod.ACTIVATION, client,
                                Uni.createFrom().voidItem())));
    }

    /**
     * Sends a one-time code when the phone may use it for this purpose; answers the same either way (the
     * caller learns nothing about which phones have accounts). Limited per phone and per address.
     */
    public Uni<Void> requestCode(CodeRequest request, String address) {
        String phone = request.phone().trim();
        CodePurpose purpose = request.purpose().purpose;
        codes.requireSms(purpose);
        if (purpose == CodePurpose.ACTIVATION && (request.creditCode() == null || request.creditCode().isBlank())) {
            throw ApiException.invalidField("creditCode", FieldCode.REQUIRED, "激活账号须填写企业的统一社会信用代码");
        }
        return codes.countRequest(phone, address)
                .chain(() -> Account.<Account>find("phone", phone).<Account>firstResult())
                .chain((Account account) -> eligible(account, purpose, request.creditCode()))
                .chain((Account account) -> account == null ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> codes.send(account, purpose)
                                .chain(() -> audit.record(new Entry(account.id, account.phone, account.roles, "CODE_SENT",
                                        "ACCOUNT", account.id.toString(), Result.SUCCESS, purpose.name())))));
    }

    private Uni<Account> eligible(Account account, CodePurpose purpose, String creditCode) {
        if (account == null || !account.active || (purpose == CodePurpose.ACTIVATION) != (account.activatedAt == null)) {
            return Uni.createFrom().nullItem();
        }
        if (purpose != CodePurpose.ACTIVATION) {
            return Uni.createFrom().item(account);
        }
        return Enterprise.<Enterprise>findById(account.enterpriseId)
                .map(e -> e != null && e.creditCode.equalsIgnoreCase(creditCode.trim()) ? account : null);
    }

    /** The active account of this phone, activated or (for activation) not; otherwise the code is wrong. */
    private Uni<Account> usable(String phone, boolean toActivate) {
        return Account.<Account>find("phone", phone).firstResult().map(account -> {
            if (account == null || !account.active || (account.activatedAt == null) != toActivate) {
                throw new ApiException(ErrorCode.CODE_INVALID, "验证码不正确或已失效");
            }
            return account;
        });
    }

    /**
     * Password (throttled), active and activated account, second factor: the account, or a failure recorded
     * before it is thrown.
     */
    private Uni<Account> authenticate(String phone, String password, String totpCode, String address) {
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
                    .flatMap(account -> hasher.verify(password, account == null ? null : account.passwordHash)
                            .flatMap(matches -> {
                                if (account == null || !matches || !account.active || account.activatedAt == null) {
                                    String why = account == null ? "unknown phone"
                                            : !matches ? "wrong password" : !account.active ? "account disabled"
                                                    : "not activated";
                                    return audit.recordAlone(loginEntry(account, phone, Result.FAILURE, why))
                                            .chain(() -> Uni.createFrom().failure(badCredentials()));
                                }
                                if (account.totpEnabled && (totpCode == null || totpCode.isBlank())) {
                                    // Half way: the password was right; the app now asks for the authenticator's code.
                                    return Panache.withTransaction(() -> throttle.succeeded(phone, address))
                                            .chain(() -> Uni.createFrom().failure(
                                                    totpRequired()));
                                }
                                return secondFactor(account, totpCode).replaceWith(account);
                            }));
        });
    }

    /** Where the account turned the second factor on, the authenticator's current code. */
    private Uni<Void> secondFactor(Account account, String totpCode) {
        if (!account.totpEnabled) {
            return Uni.createFrom().voidItem();
        }
        if (totpCode == null || totpCode.isBlank()) {
            return Uni.createFrom().failure(totpRequired());
        }
        if (!Totp.verify(account.totpSecret, totpCode, clock.instant())) {
            return audit.recordAlone(loginEntry(account, account.phone, Result.FAILURE, "wrong totp"))
                    .chain(() -> Uni.createFrom().failure(new ApiException(ErrorCode.TOTP_INVALID, "动态口令不正确")));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * The new password of a change, reset or activation: every other login and code of the account ends, the
     * forced change is done, and a new login starts. {@code first} runs first in the same transaction.
     */
    private Uni<TokenResponse> setPassword(UUID accountId, String hash, LoginMethod method, String client, Uni<Void> first) {
        Account[] changed = new Account[1];
        return Panache.withTransaction(() -> first
                .chain(() -> Account.<Account>findById(accountId).call(a -> Panache.getSession()
                        .chain(s -> s.lock(a, LockModeType.PESSIMISTIC_WRITE))))
                .chain(account -> {
                    changed[0] = account;
                    OffsetDateTime now = Dates.now(clock);
                    account.passwordHash = hash;
                    account.passwordChangeRequired = false;
                    if (account.activatedAt == null) {
                        account.activatedAt = now;
                    }
                    return sessions.endAll(account)
                            .chain(() -> codes.revokeAll(account.id))
                            .chain(() -> audit.record(new Entry(account.id, account.phone, account.roles, method.name(),
                                    "ACCOUNT", account.id.toString(), Result.SUCCESS, null)))
                            .chain(() -> startFamily(account, method, client));
                }))
                .invoke(() -> sessions.announce(changed[0]));
    }

    public Uni<TokenResponse> refresh(String rawToken) {
        String hash = TokenService.hash(rawToken);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", hash)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(this::rotate))
                .map(RefreshOutcome::orThrow);
    }

    /** Ends this login; its access tokens stop too (the {@link SessionGate}). */
    public Uni<Void> logout(String rawToken) {
        String hash = TokenService.hash(rawToken);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", hash).firstResult()
                .flatMap(token -> token == null ? Uni.createFrom().<UUID>nullItem()
                        : revokeFamily(token.familyId)
                                .chain(() -> audit.record(new Entry(token.accountId, null, null, "LOGOUT",
                                        "ACCOUNT", token.accountId.toString(), Result.SUCCESS, null)))
                                .replaceWith(token.familyId)))
                .invoke(family -> {
                    if (family != null) {
                        gate.sessionsEnded(List.of(family));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<TokenResponse> startFamily(Account account, LoginMethod method, String client) {
        TokenService.IssuedRefresh refresh = tokens.newRefreshToken(account.id, UUID.randomUUID(), method.name(), client);
        return refresh.row().persist()
                .chain(() -> audit.record(loginEntry(account, account.phone, Result.SUCCESS, method.name())))
                .map(v -> response(account, refresh.row().familyId, refresh.raw()));
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
            TokenService.IssuedRefresh next = tokens.newRefreshToken(account.id, token.familyId, token.method,
                    token.client);
            return next.row().persist()
                    .replaceWith(RefreshOutcome.issued(response(account, token.familyId, next.raw())));
        });
    }

    private Uni<Void> revokeFamily(UUID familyId) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null",
                Dates.now(clock), familyId).replaceWithVoid();
    }

    private TokenResponse response(Account account, UUID sessionId, String refresh) {
        return new TokenResponse(tokens.accessToken(account, sessionId), "Bearer", tokens.accessTokenSeconds(), refresh,
                tokens.refreshTokenSeconds());
    }

    private static Entry loginEntry(Account account, String phone, Result result, String detail) {
        return new Entry(account == null ? null : account.id, phone, account == null ? null : account.roles,
                LoginThrottle.ACTION, "ACCOUNT", phone, result, detail);
    }

    private static ApiException totpRequired() {
        return new ApiException(ErrorCode.TOTP_REQUIRED, "请输入身份验证器中的 6 位动态口令");
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
