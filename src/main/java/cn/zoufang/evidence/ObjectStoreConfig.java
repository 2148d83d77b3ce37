package cn.zoufang.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where photos and other evidence live: MinIO in production, any S3 server that checks signatures locally. */
@ConfigMapping(prefix = "zoufang.object-store")
public interface ObjectStoreConfig {

    /** e.g. {@code https://minio.example.gov.cn} or {@code http://127.0.0.1:9000}. */
    String endpoint();

    /** The address phones use for presigned uploads and downloads, when it is not {@link #endpoint()}. */
    java.util.Optional<String> publicEndpoint();

    String accessKey();

    String secretKey();

    @WithDefault("zoufang-evidence")
    String bucket();

    /** Set explicitly so that presigning needs no network round trip to discover it. */
    @WithDefault("us-east-1")
    String region();

    /**
     * Create the bucket at start-up when missing. Where the keys may not create buckets, set false and
     * provision it; readiness stays DOWN while it is missing.
     */
    @WithDefault("true")
    boolean createBucket();
}
