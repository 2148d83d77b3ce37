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

    /**
     * Password hashes this replica computes a second at most (each takes tens of milliseconds of a core):
     * logins beyond it get 429 at once instead of queueing for the CPU.
     */
    @WithDefault("20")
    int hashesPerSecond();

    Codes codes();

    /**
     * How often each replica re-reads disabled accounts and ended logins (SessionGate): an access token
     * of an ended session is refused on every replica within this time (its own replica at once).
     */
    @WithDefault("15s")
    String sessionCheckEvery();

    /** Limits on asking for one-time codes (each costs an SMS), see {@code OneTimeCodeService}. */
    interface Codes {
        /** One code to a phone per this interval. */
        @WithDefault("PT60S")
        Duration phoneInterval();

        @WithDefault("10")
        int phonePerDay();

        /** Codes asked for from one client address an hour, for any phones. */
        @WithDefault("30")
        int addressPerHour();
    }

    /**
     * The first administrator of an empty database: created at start while no admin exists, with this
     * one-time password, which must be changed at the first login. Ignored once an admin exists.
     */
    Bootstrap bootstrap();

    interface Bootstrap {
        java.util.Optional<String> adminPhone();

        java.util.Optional<String> adminPassword();

        @WithDefault("系统管理员")
        String adminName();
    }

    /** See {@code LoginThrottle}. */
    interface Throttle {
        /** Failed logins for one phone number from one client address within the window; then 429. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();

        /** Failed logins for one phone number from any address: more than one address can make alone. */
        @WithDefault("20")
        int phoneMaxFailures();

        @WithDefault("PT1H")
        Duration phoneWindow();

        /** Failed logins from one client address for any phone numbers (password spraying). */
        @WithDefault("30")
        int addressMaxFailures();

        @WithDefault("PT15M")
        Duration addressWindow();

        /** Failed logins of everyone together: the ceiling against spraying from many addresses. */
        @WithDefault("1000")
        int globalMaxFailures();

        @WithDefault("PT15M")
        Duration globalWindow();
    }
}
