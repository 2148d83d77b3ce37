package cn.zoufang.report;

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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One version of a group's monthly report (月报). A returned version stays as it was; the group's
 * next edit starts the next version. Submitting freezes the figures with the dictionary version.
 */
@Entity
@Table(name = "monthly_report")
public class MonthlyReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    /** The first day of the month reported on. */
    @Column(nullable = false)
    public LocalDate month;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    public String progress;

    @Column(name = "problems_solved")
    public String problemsSolved;

    @Column(name = "next_plan")
    public String nextPlan;

    /** The frozen figures (JSON of {@link Figures}), set on submission. */
    public String figures;

    @Column(name = "dictionary_version")
    public Integer dictionaryVersion;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "submitted_by")
    public UUID submittedBy;

    /** First submitted after the due day (a resubmission keeps the first version's flag). */
    public boolean late;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "reviewed_by")
    public UUID reviewedBy;

    @Column(name = "review_comment")
    public String reviewComment;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The optimistic lock behind the report's ETag (not the report's own version number). */
    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
