package cn.zoufang.evidence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.evidence")
public interface EvidenceConfig {

    /** Largest photo accepted, in bytes. */
    @WithDefault("10485760")
    long maxBytes();

    /** How long a presigned upload URL works (at most 5 minutes). */
    @WithDefault("PT5M")
    Duration uploadExpiry();

    /** How long a presigned download URL works (at most 5 minutes). */
    @WithDefault("PT5M")
    Duration downloadExpiry();

    /** Uploads not confirmed within this time are removed, objects included. */
    @WithDefault("PT24H")
    Duration pendingTtl();

    /** A photo whose EXIF position is farther than this from the enterprise is flagged. */
    @WithDefault("1000")
    double maxDistanceMeters();

    /** Most pixels (width × height) a photo may have: read from the header, refused before decoding. */
    @WithDefault("50000000")
    long maxPixels();

    /** Longest side of the server-made thumbnail, in pixels. */
    @WithDefault("320")
    int thumbnailSize();
}
