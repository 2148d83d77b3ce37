package cn.zoufang.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** 责任单位: a department that receives forwarded issues. */
@Entity
@Table(name = "department")
public class Department extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "short_name")
    public String shortName;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Set once merged: the department that took over its open issues and handlers. */
    @Column(name = "merged_into")
    public java.util.UUID mergedInto;

    @Column(name = "merged_at")
    public OffsetDateTime mergedAt;

    @Version
    public long version;
}
