package cn.zoufang.ledger;

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

/** 诉求: one problem or request of an enterprise, in its current state; its history is {@link IssueEvent}. */
@Entity
@Table(name = "issue")
public class Issue extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ledger_no", nullable = false)
    public String ledgerNo;

    @Column(name = "enterprise_id", nullable = false)
    public UUID enterpriseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IssueSource source;

    @Column(name = "visit_id")
    public UUID visitId;

    /** The key project whose monthly report raised it, if any. */
    @Column(name = "project_id")
    public UUID projectId;

    /** The monthly report of that project that raised it. */
    @Column(name = "project_report_id")
    public UUID projectReportId;

    @Column(name = "category_code", nullable = false)
    public String categoryCode;

    public boolean urgent;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IssueStatus status;

    @Column(name = "lead_department_id")
    public UUID leadDepartmentId;

    @Column(name = "forwarded_at")
    public OffsetDateTime forwardedAt;

    @Column(name = "due_date")
    public LocalDate dueDate;

    public String response;

    @Enumerated(EnumType.STRING)
    public Resolution resolution;

    @Column(name = "responded_at")
    public OffsetDateTime respondedAt;

    public Integer rating;

    public Boolean satisfied;

    @Column(name = "confirmed_at")
    public OffsetDateTime confirmedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_reason")
    public CloseReason closeReason;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** 督办: the office chases this issue, and wrote what it wants done. */
    public boolean supervised;

    @Column(name = "supervision_note")
    public String supervisionNote;

    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    /** A pending extension request (延期) of the lead department, in working days; null when none. */
    @Column(name = "extension_requested_days")
    public Integer extensionRequestedDays;

    @Column(name = "extension_reason")
    public String extensionReason;

    /** When the department began waiting for the enterprise (the clock stands still); null when not paused. */
    @Column(name = "paused_at")
    public OffsetDateTime pausedAt;

    /** Working days all finished pauses moved the deadline by. */
    @Column(name = "paused_working_days", nullable = false)
    public int pausedWorkingDays;

    /** The last stage of the ladder whose notice went out, so that each goes out once. */
    @Enumerated(EnumType.STRING)
    @Column(name = "notified_stage")
    public Stage notifiedStage;

    /** The group assigned the enterprise when the issue was registered; the issue counts for it in reports. */
    @Column(name = "group_id")
    public UUID groupId;

    @Column(name = "registered_by", nullable = false)
    public UUID registeredBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** A new deadline starts the ladder again: its notices go out anew. */
    public void newDeadline(java.time.LocalDate due) {
        dueDate = due;
        notifiedStage = null;
    }

    /** When the row last changed, by the database's clock (a trigger sets it); delta sync reads it. */
    @Column(name = "sync_at", insertable = false, updatable = false)
    public OffsetDateTime syncAt;
}
