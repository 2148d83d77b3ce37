package cn.zoufang.ledger;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An assisting department (协办) of an issue. */
@Entity
@Table(name = "issue_assist")
@IdClass(IssueAssist.Key.class)
public class IssueAssist extends PanacheEntityBase {

    @Id
    @Column(name = "issue_id")
    public UUID issueId;

    @Id
    @Column(name = "department_id")
    public UUID departmentId;

    /** The opinion is due by this day (its own deadline, shorter than the lead department's). */
    @Column(name = "due_date")
    public LocalDate dueDate;

    public String opinion;

    @Column(name = "opinion_at")
    public OffsetDateTime opinionAt;

    /** The last stage of the opinion's ladder whose notice went out. */
    @Enumerated(EnumType.STRING)
    @Column(name = "notified_stage")
    public Stage notifiedStage;

    public static IssueAssist of(UUID issueId, UUID departmentId, LocalDate dueDate) {
        IssueAssist a = new IssueAssist();
        a.issueId = issueId;
        a.departmentId = departmentId;
        a.dueDate = dueDate;
        return a;
    }

    public static class Key implements Serializable {
        public UUID issueId;
        public UUID departmentId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(issueId, k.issueId) && Objects.equals(departmentId, k.departmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(issueId, departmentId);
        }
    }
}
