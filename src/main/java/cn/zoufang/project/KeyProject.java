package cn.zoufang.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** 重大重点项目: an enterprise's project, reported monthly by its responsible department. */
@Entity
@Table(name = "key_project")
public class KeyProject extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "enterprise_id", nullable = false)
    public UUID enterpriseId;

    @Column(name = "department_id", nullable = false)
    public UUID departmentId;

    /** 万元, the whole project. */
    @Column(name = "planned_investment", nullable = false)
    public BigDecimal plannedInvestment;

    /** The first of the first month it reports for. */
    @Column(name = "start_month", nullable = false)
    public LocalDate startMonth;

    /** The first of its planned last month. */
    @Column(name = "end_month", nullable = false)
    public LocalDate endMonth;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectStatus status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public long version;

    /** Whether a report is asked of it for {@code month}: running, and the month within its span. */
    public boolean reportsFor(YearMonth month) {
        return status == ProjectStatus.ACTIVE && !month.isBefore(YearMonth.from(startMonth))
                && !month.isAfter(YearMonth.from(endMonth));
    }
}
