package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NotifierQuietHoursTest {

    private final Notifier notifier = new Notifier(new PushConfig() {
        @Override
        public Optional<String> credentialsFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> credentialsJson() {
            return Optional.empty();
        }

        @Override
        public LocalTime quietFrom() {
            return LocalTime.of(22, 0);
        }

        @Override
        public LocalTime quietUntil() {
            return LocalTime.of(8, 0);
        }

        @Override
        public Duration staleAfter() {
            return Duration.ofDays(30);
        }

        @Override
        public Duration deleteAfter() {
            return Duration.ofDays(270);
        }

        @Override
        public String dispatchEvery() {
            return "off";
        }

        @Override
        public int maxAttempts() {
            return 16;
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration claimLease() {
            return Duration.ofMinutes(5);
        }

        @Override
        public String digestCron() {
            return "off";
        }

        @Override
        public Optional<String> fcmUrl() {
            return Optional.empty();
        }
    });

    private static OffsetDateTime china(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
    }

    @Test
    void aPushCreatedAt2300WaitsUntil0800() {
        assertEquals(china(29, 8, 0).toInstant(), notifier.afterQuietHours(china(28, 23, 0)).toInstant());
    }

    @Test
    void aPushCreatedAt0300WaitsUntil0800TheSameDay() {
        assertEquals(china(28, 8, 0).toInstant(), notifier.afterQuietHours(china(28, 3, 0)).toInstant());
    }

    @Test
    void daytimePushesGoAtOnce() {
        assertEquals(china(28, 8, 0).toInstant(), notifier.afterQuietHours(china(28, 8, 0)).toInstant());
        assertEquals(china(28, 21, 59).toInstant(), notifier.afterQuietHours(china(28, 21, 59)).toInstant());
    }
}
