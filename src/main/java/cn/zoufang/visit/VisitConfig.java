package cn.zoufang.visit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.visit")
public interface VisitConfig {

    /** A check-in within this distance of the enterprise's registered location is on site. */
    @WithDefault("500")
    double onSiteRadiusMeters();

    /**
     * How long the check-in position (and a visit photo's EXIF position) is kept; after that only the
     * verdict (on site, out of range, unverifiable) and the distance's judgement remain.
     */
    @WithDefault("P180D")
    java.time.Duration locationRetention();

    /**
     * How long after scanning an enterprise's visit code (offline) the phone may still send it: the
     * code is checked as of the scan, but a scan older than this no longer confirms anything.
     */
    @WithDefault("PT72H")
    java.time.Duration codeOfflineWindow();

    /** When the retention job runs (China time); {@code off} in tests, which run it directly. */
    @WithDefault("0 15 3 * * ?")
    String locationRetentionCron();
}
