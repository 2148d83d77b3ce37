package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

class NotifierQuietHoursTest {

    /** The configuration as production has it when nothing is set: its declared defaults (22:00 to 08:00). */
    private final Notifier notifier = new Notifier(new SmallRyeConfigBuilder().withMapping(PushConfig.class).build()
            .getConfigMapping(PushConfig.class), null, java.time.Clock.systemUTC());

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
