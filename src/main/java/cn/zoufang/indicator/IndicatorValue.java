package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One value of one indicator of one enterprise for one month. Never changed once written, except that a
 * correction marks it superseded: the current value is the one row without {@code supersededAt}.
 */
@Entity
@Table(name = "enterprise_indicator")
public class IndicatorValue extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "enterprise_id", nullable = false)
    public UUID enterpriseId;

    @Column(nullable = false)
    public String indicator;

    /** The month, as its first day. */
    @Column(nullable = false)
    public LocalDate period;

    @Column(nullable = false)
    public BigDecimal value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IndicatorSource source;

    @Column(name = "recorded_by")
    public UUID recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    public String note;

    @Column(name = "dictionary_version", nullable = false)
    public int dictionaryVersion;

    @Column(name = "superseded_at")
    public OffsetDateTime supersededAt;
}
