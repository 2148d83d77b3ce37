package cn.zoufang.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A year whose holiday schedule is known, and where it comes from. */
@Entity
@Table(name = "work_calendar_year")
public class CalendarYear extends PanacheEntityBase {

    @Id
    public Integer year;

    @Column(nullable = false)
    public String source;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public UUID updatedBy;

    @Version
    public long version;
}
