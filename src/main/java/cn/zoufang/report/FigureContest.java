package cn.zoufang.report;

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

/** A group's or department's objection to one of its figures of a closed period, and the office's decision. */
@Entity
@Table(name = "figure_contest")
public class FigureContest extends PanacheEntityBase {

    public enum Status {
        OPEN("待办公室决定"),
        UPHELD("异议成立"),
        REJECTED("异议不成立");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String period;

    @Column(nullable = false)
    public String metric;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Dimension dimension;

    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    /** The figure as it stood when contested. */
    public String figure;

    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String decision;

    @Column(name = "raised_by", nullable = false)
    public UUID raisedBy;

    @Column(name = "raised_at", nullable = false)
    public OffsetDateTime raisedAt;

    @Column(name = "decided_by")
    public UUID decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Version
    @Column(name = "row_version")
    public long version;
}
