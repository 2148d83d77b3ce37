package cn.zoufang.visit;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "visit_participant")
@IdClass(VisitParticipant.Key.class)
public class VisitParticipant extends PanacheEntityBase {

    @Id
    @Column(name = "visit_id")
    public UUID visitId;

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public static VisitParticipant of(UUID visitId, UUID accountId) {
        VisitParticipant p = new VisitParticipant();
        p.visitId = visitId;
        p.accountId = accountId;
        return p;
    }

    public static class Key implements Serializable {
        public UUID visitId;
        public UUID accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(visitId, k.visitId) && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(visitId, accountId);
        }
    }
}
