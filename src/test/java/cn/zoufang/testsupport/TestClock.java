package cn.zoufang.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import cn.zoufang.kernel.Dates;

/**
 * The service's clock in tests (it replaces {@code kernel.Clocks}' default bean), and the tests' own "now".
 * It runs at real speed from where it was set: by default from the real time; with
 * {@code -Dzoufang.test.clock=2026-02-24T09:00:00+08:00} every run starts on that day, which is how the
 * suite is run on the hard days of the calendar (see the README's test section). A test may also set it,
 * freeze it or move it on.
 * <p>
 * Tests read the time from here, never from the system: a test that computes "today" on its own disagrees
 * with the service whenever the clock is set, or when the run crosses midnight China time.
 */
@Singleton
public class TestClock extends Clock {

    public static final String PROPERTY = "zoufang.test.clock";

    private static final Object LOCK = new Object();
    private static Instant origin;
    private static long originNanos;
    private static boolean frozen;

    static {
        reset();
    }

    /** Back to the run's starting point (the property's instant, or the real time), running. */
    public static void reset() {
        String start = System.getProperty(PROPERTY, "").trim();
        runFrom(start.isEmpty() ? Instant.now() : OffsetDateTime.parse(start).toInstant());
    }

    /** Runs at real speed from {@code at}. */
    public static void runFrom(Instant at) {
        synchronized (LOCK) {
            origin = at;
            originNanos = System.nanoTime();
            frozen = false;
        }
    }

    /** Stops at {@code at} until moved on or released. */
    public static void freezeAt(Instant at) {
        synchronized (LOCK) {
            origin = at;
            frozen = true;
        }
    }

    /** Moves the clock on (or back, with a negative amount), frozen or not. */
    public static void advance(Duration by) {
        synchronized (LOCK) {
            origin = origin.plus(by);
        }
    }

    /**
     * Holds the clock where it is until closed, then lets it run on from there: for a test that works out
     * "today" on its own and must not see the day change under it (the run may cross midnight China time).
     * Only around steps that need it: objects made while it is held share one creation time.
     */
    public static Held hold() {
        Instant at = instantNow();
        freezeAt(at);
        return new Held(at);
    }

    /** See {@link #hold()}. */
    public record Held(Instant at) implements AutoCloseable {
        @Override
        public void close() {
            synchronized (LOCK) {
                // Runs on from where it stood, plus whatever a test moved it on by.
                runFrom(origin);
            }
        }
    }

    /** Whether the run was started on a chosen day ({@code -Dzoufang.test.clock}). */
    public static boolean isSet() {
        return !System.getProperty(PROPERTY, "").isBlank();
    }

    public static Instant instantNow() {
        synchronized (LOCK) {
            return frozen ? origin : origin.plusNanos(System.nanoTime() - originNanos);
        }
    }

    /** Now, with the UTC offset (as the service's timestamps are written). */
    public static OffsetDateTime now() {
        return instantNow().atOffset(ZoneOffset.UTC);
    }

    /** Today in China. */
    public static LocalDate today() {
        return LocalDate.ofInstant(instantNow(), Dates.ZONE);
    }

    /** The wall-clock time in China, as a phone there shows it (an EXIF capture time, say). */
    public static LocalDateTime chinaNow() {
        return LocalDateTime.ofInstant(instantNow(), Dates.ZONE);
    }

    public static YearMonth thisMonth() {
        return YearMonth.from(today());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return instantNow();
            }
        };
    }

    @Override
    public Instant instant() {
        return instantNow();
    }
}
