package cn.zoufang.evidence;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "photo")
public class Photo extends PanacheEntityBase {

    /** What a photo is evidence of: a visit, or a ledger issue (the problem, or the answer's proof). */
    public enum OwnerType { VISIT, ISSUE }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "owner_type", nullable = false)
    public OwnerType ownerType;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "uploaded_by", nullable = false)
    public UUID uploadedBy;

    /**
     * Where the verified bytes are served from: chosen and written by the service when it accepts the
     * photo, never presigned for upload; null until then.
     */
    @Column(name = "object_key")
    public String objectKey;

    /** Where the phone uploads; a stray upload here is removed once its form has expired. */
    @Column(name = "upload_key")
    public String uploadKey;

    /** A re-encoded copy without any metadata, which is what an enterprise downloads. */
    @Column(name = "shareable_key")
    public String shareableKey;

    @Column(name = "thumbnail_key")
    public String thumbnailKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "declared_bytes", nullable = false)
    public long declaredBytes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PhotoStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "reject_reason")
    public RejectReason rejectReason;

    public String sha256;

    /** The hash of the object as stored now: the verified one until retention removes its EXIF position. */
    @Column(name = "stored_sha256")
    public String storedSha256;

    public Integer width;

    public Integer height;

    /** Set by location retention: the stored original still carries the EXIF position it cleared. */
    @Column(name = "gps_scrub_due", nullable = false)
    public boolean gpsScrubDue;

    /** When retention removed the EXIF position from the stored original. */
    @Column(name = "gps_scrubbed_at")
    public OffsetDateTime gpsScrubbedAt;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "captured_at")
    public OffsetDateTime capturedAt;

    @Column(name = "gps_latitude")
    public Double gpsLatitude;

    @Column(name = "gps_longitude")
    public Double gpsLongitude;

    @Column(name = "gps_distance_m")
    public Double gpsDistanceMeters;

    @Convert(converter = PhotoFlag.SetConverter.class)
    @Column(nullable = false)
    public Set<PhotoFlag> flags = EnumSet.noneOf(PhotoFlag.class);

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "confirmed_at")
    public OffsetDateTime confirmedAt;

    @Version
    public long version;
}
