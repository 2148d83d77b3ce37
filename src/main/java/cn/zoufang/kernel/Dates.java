package cn.zoufang.kernel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The program runs on China Standard Time: "today", months and deadlines are counted there. The time
 * itself always comes from the injected {@link Clock} (see {@link Clocks}), so that tests can set it.
 */
public final class Dates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Dates() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public static YearMonth thisMonth(Clock clock) {
        return YearMonth.from(today(clock));
    }

    /** Now, as the database stores it (UTC offset); the zone of an instant changes nothing it is compared with. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock);
    }

    /**
     * Whether something made at {@code at} is still fresh at {@code now}: less than {@code maxAge} old, and not
     * from the future (a clock set back, by an operator or a test, must not keep it fresh until then).
     */
    public static boolean fresh(OffsetDateTime at, java.time.Duration maxAge, OffsetDateTime now) {
        return !at.isAfter(now) && at.plus(maxAge).isAfter(now);
    }

    /** The China calendar day of an instant. */
    public static LocalDate dayOf(OffsetDateTime at) {
        return at.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** An instant as China time shows it (+08:00), as every answer gives times; null stays null. */
    public static OffsetDateTime inChina(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(ZONE).toOffsetDateTime();
    }
}
