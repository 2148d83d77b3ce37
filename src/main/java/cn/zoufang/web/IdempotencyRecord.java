package cn.zoufang.web;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The first answer to a write sent with an Idempotency-Key; {@code status} is null while it runs. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Id
    @Column(name = "idem_key")
    public String idemKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    public Integer status;

    @Column(name = "response_body")
    public String responseBody;

    public String etag;

    public String location;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    public static class Key implements Serializable {
        public UUID accountId;
        public String idemKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId) && Objects.equals(idemKey, k.idemKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, idemKey);
        }
    }
}
