package cn.zoufang.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a new replica warms up before it reports ready ({@link WarmUp}). */
@ConfigMapping(prefix = "zoufang.warm-up")
public interface WarmUpConfig {

    /** Off in tests (WarmUpTest runs it by hand). */
    @WithDefault("true")
    boolean enabled();

    /** Rounds of the phones' read paths (about ten requests each), two at a time. */
    @WithDefault("300")
    int rounds();

    /** Readiness is held back no longer than this, however many rounds are left. */
    @WithDefault("60s")
    Duration max();
}
