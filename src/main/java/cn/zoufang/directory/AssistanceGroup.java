package cn.zoufang.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** 挂点帮扶小组: officials led by a district leader, assigned to a set of enterprises. */
@Entity
@Table(name = "assistance_group")
public class AssistanceGroup extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    /** Always also a member, so "my groups" is one query over {@link GroupMember}. */
    @Column(name = "leader_id", nullable = false)
    public UUID leaderId;

    /** When the current leader took over (the database sets it for a new group). */
    @Column(name = "leader_since", insertable = false)
    public OffsetDateTime leaderSince;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;
}
