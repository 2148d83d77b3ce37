package cn.zoufang.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.sync")
public interface SyncConfig {

    /**
     * How much history a first sync (a snapshot) carries: visits planned and issues closed in this many months,
     * notifications read in them; older ones come per enterprise on demand ({@code /api/v1/sync/enterprises/{id}/history}).
     */
    @WithDefault("3")
    int historyMonths();
}
