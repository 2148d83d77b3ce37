package cn.zoufang.directory;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What a tier asks: a completed visit at least every {@code cadenceDays}, and its issues urgent or not by default. */
@Entity
@Table(name = "service_tier")
public class ServiceTierRule extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public ServiceTier code;

    @Column(name = "cadence_days", nullable = false)
    public int cadenceDays;

    @Column(name = "urgent_by_default", nullable = false)
    public boolean urgentByDefault;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public long version;
}
