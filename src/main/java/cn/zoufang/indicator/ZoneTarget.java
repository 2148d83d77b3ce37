package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import cn.zoufang.directory.IndustryChain;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A year's target for one additive indicator, for the whole zone ({@code chain} null) or one industry chain. */
@Entity
@Table(name = "zone_target")
public class ZoneTarget extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false)
    public String indicator;

    @Enumerated(EnumType.STRING)
    public IndustryChain chain;

    @Column(nullable = false)
    public BigDecimal value;

    @Column(name = "set_by")
    public UUID setBy;

    @Column(name = "set_at", nullable = false)
    public OffsetDateTime setAt;
}
