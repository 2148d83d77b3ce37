package cn.zoufang.notify;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import cn.zoufang.kernel.Dates;

/** The night, China time, during which pushes and SMS wait for the morning. One rule for both. */
public final class QuietHours {

    private QuietHours() {
    }

    /** {@code at} itself outside the quiet hours, else the end of them; from = until means none. */
    public static OffsetDateTime after(OffsetDateTime at, LocalTime from, LocalTime until) {
        ZonedDateTime local = at.atZoneSameInstant(Dates.ZONE);
        LocalTime t = local.toLocalTime();
        boolean quiet = from.isAfter(until) ? (!t.isBefore(from) || t.isBefore(until)) : (!t.isBefore(from) && t.isBefore(until));
        if (!quiet) {
            return at;
        }
        LocalDateTime morning = local.toLocalDate().atTime(until);
        if (!t.isBefore(from) && from.isAfter(until)) {
            morning = morning.plusDays(1);
        }
        return morning.atZone(Dates.ZONE).toOffsetDateTime();
    }
}
