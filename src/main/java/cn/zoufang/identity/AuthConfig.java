package cn.zoufang.identity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.auth")
public interface AuthConfig {

    /** Lifetime of an access token (JWT). Short: a revoked session lasts at most this long. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token; each refresh rotates it and starts this period anew. */
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** PBKDF2-HMAC-SHA256 iterations for new password hashes (existing hashes keep their own count). */
    @WithDefault("210000")
    int passwordIterations();

    Throttle throttle();

    interface Throttle {
        /** Failed logins for one phone number within the window before further attempts get 429. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();
    }
}
