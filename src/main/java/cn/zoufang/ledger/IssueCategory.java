package cn.zoufang.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A category of the office's catalogue, with its deadline in working days and an urgent variant. */
@Entity
@Table(name = "issue_category")
public class IssueCategory extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "deadline_days", nullable = false)
    public int deadlineDays;

    @Column(name = "urgent_deadline_days", nullable = false)
    public int urgentDeadlineDays;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    /** No longer offered for new issues; the issues that have it keep it. */
    @Column(nullable = false)
    public boolean retired;

    /** Whose answers the desk reviews and releases (统一反馈) before the enterprise sees them. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unified_feedback", nullable = false)
    public UnifiedFeedback unifiedFeedback = UnifiedFeedback.DESK_ISSUES;

    public int deadlineDays(boolean urgent) {
        return urgent ? urgentDeadlineDays : deadlineDays;
    }
}
