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

    /**
     * Largest photo sent through the service ({@code PUT /api/v1/photos/{id}/content}, the back office's way):
     * the evidence limit, which the photo service checks again.
     */
    @WithDefault("${zoufang.evidence.max-bytes:10485760}")
    long maxPhotoBytes();

    /**
     * The oldest app version still served: a request whose {@code X-App-Version} is older answers 426
     * {@code APP_UPDATE_REQUIRED}. Empty: every version is served.
     */
    java.util.Optional<String> minAppVersion();

    /** Multiplies every {@link RateLimited} limit (the tests, which make many calls as few accounts, raise it). */
    @WithDefault("1")
    double rateLimitScale();

    /** Answers shorter than this many bytes go uncompressed (see {@link Compression}). */
    @WithDefault("1024")
    long compressAbove();
}
