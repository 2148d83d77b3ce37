package cn.zoufang.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.report")
public interface ReportConfig {

    /** Month M's report is due by the end of this day of month M+1 (China time). */
    @WithDefault("5")
    int dueDay();

    /** The leader is reminded this many days before the due day when nothing is submitted yet. */
    @WithDefault("2")
    int reminderDaysBefore();

    /**
     * The running month's figures are recomputed when older than this (the dashboard shows {@code asOf});
     * {@code PT0S} computes them at every read, as the tests do.
     */
    @WithDefault("PT2M")
    java.time.Duration liveMaxAge();

    /** How often the running month's figures are recomputed ahead of readers, while someone reads them. */
    @WithDefault("60s")
    String liveRefreshEvery();

    /**
     * How often each replica looks for settled periods not kept yet ({@link PeriodsAhead}; the lock's holder
     * computes them); {@code off} in tests, which run it directly.
     */
    @WithDefault("60s")
    String aheadEvery();

    /** When the reminders job runs (China time); {@code off} in tests, which call it directly. */
    @WithDefault("0 0 9 * * ?")
    String noticesCron();
}
