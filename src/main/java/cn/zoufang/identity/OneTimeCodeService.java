package cn.zoufang.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import cn.zoufang.identity.LoginThrottle.Limit;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.sms.OneTimeCodes;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One-time codes: made, sent and checked. One active code per account and purpose (a new one replaces
 * it); 5 tries, then the code is burnt and the answer is 429 until a new one is asked for. Asking is
 * limited per phone (one a minute, ten a day) and per client address, counted like failed logins, whether
 * or not the phone has an account, so the answer never tells which phones exist.
 */
@ApplicationScoped
public class OneTimeCodeService {

    private final SecureRandom random = new SecureRandom();
    private final OneTimeCodes sms;
    private final LoginThrottle counters;
    private final AuthConfig.Codes config;
    private final Clock clock;

    public OneTimeCodeService(OneTimeCodes sms, LoginThrottle counters, AuthConfig config, Clock clock) {
        this.sms = sms;
        this.counters = counters;
        this.config = config.codes();
        this.clock = clock;
    }

    /** 503 before anything else when SMS cannot carry this purpose's code, for every phone alike. */
    public void requireSms(CodePurpose purpose) {
        if (purpose.template() == null || !sms.available(purpose.template())) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "短信服务未开通，无法发送验证码，请使用密码登录或联系管理员");
        }
    }

    /** Counts a request for a code against the limits; 429 with the wait when one is passed. */
    public Uni<Void> countRequest(String phone, String address) {
        return counters.count(List.of(new Limit("code-phone:" + phone, 1, config.phoneInterval()),
                new Limit("code-phone-day:" + phone, config.phonePerDay(), Duration.ofDays(1)),
                new Limit("code-address:" + address, config.addressPerHour(), Duration.ofHours(1))))
                .invoke(wait -> wait.ifPresent(w -> {
                    throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "获取验证码过于频繁，请稍后再试", List.of(),
                            (int) Math.max(1, (w.toMillis() + 999) / 1000));
                }))
                .replaceWithVoid();
    }

    /** A new code for this account, replacing any active one, queued for SMS in the caller's transaction. */
    public Uni<Void> send(Account account, CodePurpose purpose) {
        return create(account, purpose).chain(code -> sms.send(account.phone, purpose.template(), code));
    }

    /** A new code in the caller's transaction: its value, to hand over (the admin's reset code). */
    public Uni<String> create(Account account, CodePurpose purpose) {
        OffsetDateTime now = Dates.now(clock);
        String code = digits(purpose.digits());
        OneTimeCode row = new OneTimeCode();
        row.id = UUID.randomUUID();
        row.accountId = account.id;
        row.purpose = purpose;
        row.codeHash = hash(account.id, code);
        row.createdAt = now;
        row.expiresAt = now.plus(purpose.lifetime());
        return OneTimeCode.update("usedAt = ?1 where accountId = ?2 and purpose = ?3 and usedAt is null", now, account.id, purpose)
                .chain(() -> Panache.flush())
                .chain(() -> row.persist())
                .replaceWith(code);
    }

    /** Ends every active code of an account (disabled, or its password just set). */
    public Uni<Void> revokeAll(UUID accountId) {
        return OneTimeCode.update("usedAt = ?1 where accountId = ?2 and usedAt is null", Dates.now(clock), accountId)
                .replaceWithVoid();
    }

    /**
     * Checks the latest code of these purposes and uses it up, in a transaction of its own so that a wrong try
     * counts even though the request then fails. {@code otherProofHolds} false (e.g. a wrong credit code)
     * counts as a wrong try. Fails with 401 {@code CODE_INVALID} or, once 5 tries are spent, 429
     * {@code TOO_MANY_CODE_ATTEMPTS}.
     */
    public Uni<Void> consume(UUID accountId, Set<CodePurpose> purposes, String code, boolean otherProofHolds) {
        OffsetDateTime now = Dates.now(clock);
        return Panache.withTransaction(() -> OneTimeCode.<OneTimeCode>find(
                "accountId = ?1 and purpose in ?2 order by createdAt desc", accountId, purposes)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .map(row -> {
                    if (row == null || row.expiresAt.isBefore(now)) {
                        return Optional.of(ErrorCode.CODE_INVALID);
                    }
                    if (row.attempts >= CodePurpose.MAX_TRIES) {
                        return Optional.of(ErrorCode.TOO_MANY_CODE_ATTEMPTS);
                    }
                    if (row.usedAt != null) {
                        return Optional.of(ErrorCode.CODE_INVALID);
                    }
                    boolean matches = MessageDigest.isEqual(row.codeHash.getBytes(StandardCharsets.US_ASCII),
                            hash(accountId, code == null ? "" : code.trim()).getBytes(StandardCharsets.US_ASCII));
                    if (matches && otherProofHolds) {
                        row.usedAt = now;
                        return Optional.<ErrorCode>empty();
                    }
                    row.attempts++;
                    if (row.attempts >= CodePurpose.MAX_TRIES) {
                        row.usedAt = now;
                        return Optional.of(ErrorCode.TOO_MANY_CODE_ATTEMPTS);
                    }
                    return Optional.of(ErrorCode.CODE_INVALID);
                }))
                .invoke(failure -> failure.ifPresent(error -> {
                    throw error == ErrorCode.TOO_MANY_CODE_ATTEMPTS
                            ? new ApiException(error, "验证码错误次数过多，已失效，请重新获取", List.of(), 60)
                            : new ApiException(error, "验证码不正确或已失效");
                }))
                .replaceWithVoid();
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** Salted with the account, so equal codes of two accounts hash differently. */
    static String hash(UUID accountId, String code) {
        return TokenService.hash(accountId + ":" + code);
    }
}
