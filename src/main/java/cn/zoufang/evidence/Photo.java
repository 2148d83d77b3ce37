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

    @Column(name = "object_key", nullable = false)
    public String objectKey;

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
