package cn.zoufang.directory;

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

import cn.zoufang.kernel.CoordinateSystem;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "enterprise")
public class Enterprise extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "credit_code", nullable = false, unique = true)
    public String creditCode;

    @Convert(converter = ScaleCategory.SetConverter.class)
    @Column(name = "scale_categories", nullable = false)
    public Set<ScaleCategory> scaleCategories = EnumSet.noneOf(ScaleCategory.class);

    /** The same column as text, read-only, so that queries can filter with {@code like '%,X,%'}. */
    @Column(name = "scale_categories", insertable = false, updatable = false)
    public String scaleCategoriesText;

    @Enumerated(EnumType.STRING)
    @Column(name = "industry_chain")
    public IndustryChain industryChain;

    @Column(nullable = false)
    public String town;

    @Column(nullable = false)
    public String address;

    public Double latitude;

    public Double longitude;

    /** The system the position was given in; {@code latitude}/{@code longitude} are always WGS-84. */
    @Enumerated(EnumType.STRING)
    @Column(name = "location_system")
    public CoordinateSystem locationSystem;

    /** 店小二 tier: how often it should be visited and whether its issues are urgent by default. */
    @Enumerated(EnumType.STRING)
    @Column(name = "service_tier", nullable = false)
    public ServiceTier serviceTier = ServiceTier.ORDINARY;

    /** Its 店小二: a member of its group or a department's handler; the office names one for key enterprises. */
    @Column(name = "service_officer_id")
    public UUID serviceOfficerId;

    @Column(name = "contact_name", nullable = false)
    public String contactName;

    @Column(name = "contact_phone", nullable = false)
    public String contactPhone;

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
