package cn.zoufang.project;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A key project's monthly report (一月一报表), final once submitted. */
@Entity
@Table(name = "key_project_report")
public class ProjectReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    /** The first of the month reported. */
    @Column(nullable = false)
    public LocalDate month;

    /** 万元, cumulative at the month's end. */
    @Column(name = "invested_to_date", nullable = false)
    public BigDecimal investedToDate;

    /** 万元, what the plan asked by the month's end. */
    @Column(name = "planned_to_date", nullable = false)
    public BigDecimal plannedToDate;

    @Column(nullable = false)
    public String progress;

    public String milestones;

    /** The department says something stops the project (a problem it cannot solve alone). */
    @Column(nullable = false)
    public boolean blocked;

    @Column(name = "submitted_by", nullable = false)
    public UUID submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    /** Submitted after the due day. */
    @Column(nullable = false)
    public boolean late;

    /** Invested over planned to date, in percent with one decimal; null when nothing was planned yet. */
    public BigDecimal completionPercent() {
        return plannedToDate.signum() == 0 ? null
                : investedToDate.multiply(BigDecimal.valueOf(100)).divide(plannedToDate, 1, RoundingMode.HALF_UP);
    }

    /** Behind plan: less invested than {@code ratio} of what the plan asked by then. */
    public boolean behindPlan(BigDecimal ratio) {
        return plannedToDate.signum() > 0 && investedToDate.compareTo(plannedToDate.multiply(ratio)) < 0;
    }
}
