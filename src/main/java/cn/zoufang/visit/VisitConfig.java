package cn.zoufang.visit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.visit")
public interface VisitConfig {

    /** A check-in within this distance of the enterprise's registered location is on site. */
    @WithDefault("500")
    double onSiteRadiusMeters();

    /** The zone's rule: each assigned enterprise gets at least this many completed visits a month. */
    @WithDefault("1")
    int visitsPerEnterprisePerMonth();
}
