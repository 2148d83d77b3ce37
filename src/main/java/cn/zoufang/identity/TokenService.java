package cn.zoufang.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.zoufang.kernel.Dates;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;

/**
 * Mints access tokens (RS256 JWT with iss, aud, exp, sub, upn, groups) and opaque refresh tokens.
 * The key comes from {@link SigningKeys}, read once at start-up, so signing never touches the file system.
 */
@ApplicationScoped
@Startup
public class TokenService {

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig config;
    private final PrivateKey signingKey;
    private final String issuer;
    private final String audience;

    private final Clock clock;

    public TokenService(AuthConfig config, SigningKeys keys,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.issuer = issuer;
        this.audience = audience.split(",")[0].trim();
        this.signingKey = keys.privateKey();
    }

    /** The claim naming the login (refresh-token family) an access token belongs to. */
    public static final String SESSION_CLAIM = "sid";
    /** The claim carrying the account's {@code token_epoch} when the token was made. */
    public static final String EPOCH_CLAIM = "ep";

    public String accessToken(Account account, UUID sessionId) {
        Set<String> groups = account.roles.stream().map(Enum::name).collect(Collectors.toSet());
        return signed(Jwt.subject(account.id.toString())
                .upn(account.phone)
                .groups(groups)
                .claim(SESSION_CLAIM, sessionId.toString())
                .claim(EPOCH_CLAIM, account.tokenEpoch), config.accessTokenTtl());
    }

    /**
     * A token for this replica's own warm-up requests ({@code ops.WarmUp}): its subject is no account, it names no
     * login, it never leaves the process and it lives no longer than the warm-up.
     */
    public String warmUpToken(UUID subject, Role role, java.time.Duration ttl) {
        return signed(Jwt.subject(subject.toString()).groups(Set.of(role.name())), ttl);
    }

    /** Issuer, audience, lifetime and signature: what every token this service makes carries alike. */
    private String signed(io.smallrye.jwt.build.JwtClaimsBuilder claims, java.time.Duration ttl) {
        return claims.issuer(issuer).audience(audience).expiresIn(ttl).jws().keyId("zoufang").sign(signingKey);
    }

    public java.time.Duration accessTokenTtl() {
        return config.accessTokenTtl();
    }

    public long accessTokenSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    public long refreshTokenSeconds() {
        return config.refreshTokenTtl().toSeconds();
    }

    /** A new refresh token: the raw value goes to the client, the row keeps only its hash. */
    public IssuedRefresh newRefreshToken(UUID accountId, UUID familyId, String method, String client) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.familyId = familyId;
        row.accountId = accountId;
        row.tokenHash = hash(raw);
        row.issuedAt = Dates.now(clock);
        row.expiresAt = row.issuedAt.plus(config.refreshTokenTtl());
        row.method = method;
        row.client = client;
        return new IssuedRefresh(raw, row);
    }

    public static String hash(String raw) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record IssuedRefresh(String raw, RefreshToken row) {
    }
}
