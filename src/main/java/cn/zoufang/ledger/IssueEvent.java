package cn.zoufang.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One step in an issue's history; the database refuses to change or remove it. */
@Entity
@Table(name = "issue_event")
public class IssueEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "issue_id", nullable = false)
    public UUID issueId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "actor_id", nullable = false)
    public UUID actorId;

    @Column(name = "actor_roles", nullable = false)
    public String actorRoles;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IssueAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public IssueStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public IssueStatus toStatus;

    public String text;

    @Column(name = "photo_id")
    public UUID photoId;

    /** The deadline in force right after this step (null while no department has the issue). */
    @Column(name = "due_date")
    public LocalDate dueDate;

    /** Working days from registration to this step, for answers and close-outs. */
    @Column(name = "elapsed_working_days")
    public Integer elapsedWorkingDays;

    /** On a resumption: the working days the pause moved the deadline by. */
    @Column(name = "paused_working_days")
    public Integer pausedWorkingDays;

    /** The enterprise's rating, on its confirmation. */
    public Integer rating;

    public Boolean satisfied;

    /** Internal notes between government offices: left out of the enterprise's view. */
    public boolean internal;
}
