package cn.zoufang.directory;

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

/** A free tag on an enterprise (高新技术企业 …); written by {@link EnterpriseTags}, read by the lists' filter. */
@Entity
@Table(name = "enterprise_tag")
@IdClass(EnterpriseTag.Key.class)
public class EnterpriseTag extends PanacheEntityBase {

    @Id
    @Column(name = "enterprise_id")
    public UUID enterpriseId;

    @Id
    public String tag;

    @Column(name = "tagged_at", nullable = false)
    public OffsetDateTime taggedAt;

    public static class Key implements Serializable {
        public UUID enterpriseId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(enterpriseId, k.enterpriseId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(enterpriseId, tag);
        }
    }
}
