package cn.zoufang.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.web")
public interface WebConfig {

    /** Largest JSON body accepted, in bytes. */
    @WithDefault("262144")
    long maxJsonBytes();

    /** Largest bulk-import body (CSV) accepted, in bytes. */
    @WithDefault("5242880")
    long maxImportBytes();
}
