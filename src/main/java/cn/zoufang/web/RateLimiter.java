package cn.zoufang.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Token buckets in this replica's memory, one per key (an account and an action, say): a bucket holds
 * {@code burst} tokens and gains {@code perMinute} a minute. Cheap enough for hot paths (no database write
 * per request); the price is that each replica counts on its own, so N replicas allow N times the rate.
 * What must hold across replicas (failed logins) is counted in the database instead ({@code LoginThrottle}).
 */
@ApplicationScoped
public class RateLimiter {

    /** Buckets kept before full, idle ones are forgotten (a full bucket is the same as none). */
    private static final int MAX_BUCKETS = 100_000;

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** @return empty when a token was taken, else how long until one is there */
    public Optional<Duration> take(String key, int perMinute, int burst) {
        if (buckets.size() > MAX_BUCKETS) {
            forgetFullBuckets();
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        return bucket.take(now, perMinute, burst);
    }

    private void forgetFullBuckets() {
        long now = clock.millis();
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().isFullAt(now)) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        private double tokens;
        private long at;
        private double lastRatePerMilli = 0;
        private int lastBurst;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.at = now;
            this.lastBurst = burst;
        }

        synchronized Optional<Duration> take(long now, int perMinute, int burst) {
            double perMilli = perMinute / 60_000.0;
            // A clock set back (tests do) refills nothing and takes nothing away.
            tokens = Math.min(burst, tokens + Math.max(0, now - at) * perMilli);
            at = now;
            lastRatePerMilli = perMilli;
            lastBurst = burst;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long wait = perMilli <= 0 ? 60_000 : (long) Math.ceil((1 - tokens) / perMilli);
            return Optional.of(Duration.ofMillis(Math.max(1, wait)));
        }

        synchronized boolean isFullAt(long now) {
            return tokens + Math.max(0, now - at) * lastRatePerMilli >= lastBurst;
        }
    }
}
