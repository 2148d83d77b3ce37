package cn.zoufang.notify;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One row of a recipient's inbox. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationType type;

    @Column(name = "object_type", nullable = false)
    public String objectType;

    @Column(name = "object_id", nullable = false)
    public UUID objectId;

    public boolean urgent;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;

    /** When a push service first reported the push delivered to one of the person's phones. */
    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    /** When the row last changed, by the database's clock (a trigger sets it); delta sync reads it. */
    @Column(name = "sync_at", insertable = false, updatable = false)
    public OffsetDateTime syncAt;
}
