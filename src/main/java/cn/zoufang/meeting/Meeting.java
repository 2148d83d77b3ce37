package cn.zoufang.meeting;

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

/** A named meeting the office brings issues to (开放型经济工作领导小组会, 大建口会, 大管口会, 专题会). */
@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {

    public enum Kind {
        OPEN_ECONOMY("开放型经济工作领导小组会"),
        CONSTRUCTION("大建口会"),
        MANAGEMENT("大管口会"),
        SPECIAL("专题会议");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Status {
        PLANNED("待召开"),
        HELD("已召开");

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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String title;

    @Column(name = "held_on", nullable = false)
    public LocalDate heldOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String minutes;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "minuted_at")
    public OffsetDateTime minutedAt;

    @Version
    @Column(name = "row_version")
    public long version;
}
