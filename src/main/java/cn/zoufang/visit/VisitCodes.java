package cn.zoufang.visit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.SigningKeys;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The codes an enterprise's app shows so that the official's phone can prove the visit took place
 * with the enterprise (走访确认码). Each is a JWT signed by the service (RS256, the key that signs
 * access tokens, under an audience of its own so neither can stand for the other), naming the
 * enterprise, valid for one minute, a new one every 30 seconds. The official's phone verifies it
 * offline with the public key; the service verifies it again, at the time it was scanned, when the
 * phone sends it; a code confirms one visit only.
 */
@ApplicationScoped
public class VisitCodes {

    static final String AUDIENCE = "zoufang-visit-code";
    static final long STEP_SECONDS = 30;
    static final long VALID_SECONDS = 60;
    /** Codes handed out at once: ten minutes of them, so the enterprise's app works through a short outage. */
    static final int BATCH = 20;
    /** A scan may claim to be at most this far ahead of the service's clock (phones' clocks drift). */
    private static final long FUTURE_SKEW_SECONDS = 120;

    private final SecureRandom random = new SecureRandom();
    private final SigningKeys keys;
    private final String issuer;
    private final VisitConfig config;
    private final Vertx vertx;
    private final Clock clock;

    public VisitCodes(SigningKeys keys, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, VisitConfig config,
            Vertx vertx, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    public record Code(String code, OffsetDateTime validFrom, OffsetDateTime validUntil) {
    }

    public record Codes(UUID enterpriseId, List<Code> codes) {
    }

    /** What an official's phone needs to check a code offline. */
    public record VerificationKey(String algorithm, String issuer, String audience, String publicKeyPem) {
    }

    public record Verified(UUID enterpriseId, String codeId, Instant validFrom, Instant validUntil) {
    }

    public VerificationKey verificationKey() {
        return new VerificationKey("RS256", issuer, AUDIENCE, keys.publicKeyPem());
    }

    /**
     * The codes of the caller's own enterprise. Twenty RSA signatures are CPU work: made on a worker
     * thread, not the event loop.
     */
    @WithSession
    public Uni<Codes> issueFor(Caller caller) {
        return Account.<Account>findById(caller.id())
                .map(a -> {
                    if (a == null || a.enterpriseId == null) {
                        throw ApiException.notFound("企业");
                    }
                    return a.enterpriseId;
                })
                .flatMap(enterpriseId -> vertx.executeBlocking(Uni.createFrom().item(() -> issue(enterpriseId))));
    }

    /** The current code and the next ones, each window aligned to 30 seconds of the service's clock. */
    Codes issue(UUID enterpriseId) {
        long first = clock.instant().getEpochSecond() / STEP_SECONDS * STEP_SECONDS;
        List<Code> codes = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            Instant from = Instant.ofEpochSecond(first + i * STEP_SECONDS);
            Instant until = from.plusSeconds(VALID_SECONDS);
            byte[] id = new byte[12];
            random.nextBytes(id);
            String code = Jwt.issuer(issuer).audience(AUDIENCE).subject(enterpriseId.toString())
                    .claim("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                    .issuedAt(from).claim("nbf", from.getEpochSecond()).expiresAt(until)
                    .jws().keyId("zoufang-visit-code").header("typ", "zoufang-visit-code+jwt")
                    .sign(keys.privateKey());
            codes.add(new Code(code, from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)));
        }
        return new Codes(enterpriseId, codes);
    }

    /**
     * Checks a code as it was when scanned: its signature, and that it was valid at {@code scannedAt};
     * and that the scan is neither in the future nor older than the offline window allows.
     */
    public Verified verify(String code, OffsetDateTime scannedAt) {
        Instant now = clock.instant();
        Instant scanned = scannedAt.toInstant();
        if (scanned.isAfter(now.plusSeconds(FUTURE_SKEW_SECONDS))) {
            throw invalid("扫码时间晚于服务器时间，请校准手机时间后重试");
        }
        if (scanned.isBefore(now.minus(config.codeOfflineWindow()))) {
            throw invalid("离线扫码后超过 " + config.codeOfflineWindow().toHours() + " 小时才同步，确认码已不能使用");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(keys.publicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(AUDIENCE)
                .setRequireSubject()
                .setRequireJwtId()
                .setRequireExpirationTime()
                .setRequireNotBefore()
                .setEvaluationTime(NumericDate.fromMilliseconds(scanned.toEpochMilli()))
                .setAllowedClockSkewInSeconds(5)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(code);
            return new Verified(UUID.fromString(claims.getSubject()), claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getNotBefore().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException e) {
            if (e.hasErrorCode(ErrorCodes.EXPIRED) || e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                throw invalid("扫码时确认码已过期，请企业刷新后重新扫码");
            }
            throw invalid("不是有效的走访确认码");
        } catch (MalformedClaimException | IllegalArgumentException e) {
            throw invalid("不是有效的走访确认码");
        }
    }

    static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VISIT_CODE_INVALID, detail);
    }
}
