package cn.zoufang.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** 挂点: a group is responsible for an enterprise from {@code startDate} to {@code endDate} (inclusive). */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(name = "enterprise_id", nullable = false)
    public UUID enterpriseId;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** An assignment (alias {@code a}) in force on the day {@code :today}: HQL, for joins and subqueries. */
    public static final String IN_FORCE_TODAY = "a.startDate <= :today and (a.endDate is null or a.endDate >= :today)";

    /** The ids of a group's enterprises on a day (HQL, parameters from {@link #ofGroup}), for lists filtered by group. */
    public static final String ENTERPRISES_OF_GROUP = "select a.enterpriseId from Assignment a where a.groupId = :groupId"
            + " and a.startDate <= :groupDay and (a.endDate is null or a.endDate >= :groupDay)";

    public static void ofGroup(Map<String, Object> params, UUID groupId, LocalDate day) {
        params.put("groupId", groupId);
        params.put("groupDay", day);
    }
}
