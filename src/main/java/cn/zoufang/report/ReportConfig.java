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

    /** When the reminders job runs (China time); {@code off} in tests, which call it directly. */
    @WithDefault("0 0 9 * * ?")
    String noticesCron();
}
