package cn.zoufang.visit;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The enterprise's rating of a completed visit: once per visit. */
@Entity
@Table(name = "visit_rating")
public class VisitRating extends PanacheEntityBase {

    @Id
    @Column(name = "visit_id")
    public UUID visitId;

    @Column(nullable = false)
    public short score;

    public String comment;

    @Column(name = "rated_by", nullable = false)
    public UUID ratedBy;

    @Column(name = "rated_at", nullable = false)
    public OffsetDateTime ratedAt;
}
