package cn.zoufang.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.zoufang.kernel.CoordinateSystem;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "enterprise_id", nullable = false)
    public UUID enterpriseId;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitStatus status;

    @Column(name = "planned_date", nullable = false)
    public LocalDate plannedDate;

    public String purpose;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "check_in_at")
    public OffsetDateTime checkInAt;

    @Column(name = "check_in_device_time")
    public OffsetDateTime checkInDeviceTime;

    @Column(name = "check_in_latitude")
    public Double checkInLatitude;

    @Column(name = "check_in_longitude")
    public Double checkInLongitude;

    /** What the phone sent its position in; the position above is WGS-84. */
    @Enumerated(EnumType.STRING)
    @Column(name = "check_in_coordinate_system")
    public CoordinateSystem checkInCoordinateSystem;

    @Column(name = "check_in_accuracy_m")
    public Double checkInAccuracyMeters;

    @Enumerated(EnumType.STRING)
    @Column(name = "check_in_source")
    public LocationSource checkInSource;

    @Column(name = "check_in_distance_m")
    public Double checkInDistanceMeters;

    @Enumerated(EnumType.STRING)
    @Column(name = "check_in_verdict")
    public CheckInVerdict checkInVerdict;

    @Column(name = "out_of_range_reason")
    public String outOfRangeReason;

    /** When the official's phone scanned the enterprise's visit code (its clock); null: not confirmed. */
    @Column(name = "enterprise_confirmed_at")
    public OffsetDateTime enterpriseConfirmedAt;

    /** The code's id: a code confirms one visit only (unique). */
    @Column(name = "enterprise_code_id")
    public String enterpriseCodeId;

    @Column(name = "check_out_at")
    public OffsetDateTime checkOutAt;

    @Column(name = "minutes_on_site")
    public Integer minutesOnSite;

    public String findings;

    public String situation;

    public String needs;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** When the row last changed, by the database's clock (a trigger sets it); delta sync reads it. */
    @Column(name = "sync_at", insertable = false, updatable = false)
    public OffsetDateTime syncAt;
}
