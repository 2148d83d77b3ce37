package cn.zoufang.project;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.key-projects")
public interface ProjectConfig {

    /** A project is behind plan when it has invested less than this share of what its plan asked by then. */
    @WithDefault("0.9")
    BigDecimal behindPlanRatio();

    /** When the monthly reports' reminders go out (China time); {@code off} in tests, which call them directly. */
    @WithDefault("0 5 9 * * ?")
    String noticesCron();
}
