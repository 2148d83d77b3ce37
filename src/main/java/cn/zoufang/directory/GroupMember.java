package cn.zoufang.directory;

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
@Table(name = "group_member")
@IdClass(GroupMember.Key.class)
public class GroupMember extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public UUID groupId;

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public static GroupMember of(UUID groupId, UUID accountId) {
        GroupMember m = new GroupMember();
        m.groupId = groupId;
        m.accountId = accountId;
        return m;
    }

    public static class Key implements Serializable {
        public UUID groupId;
        public UUID accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(groupId, k.groupId) && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, accountId);
        }
    }
}
