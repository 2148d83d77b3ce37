package cn.zoufang.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.zoufang.ledger.IssueStatus;

/** Bodies of {@code /api/v1/projects}. Money in 万元 with two decimals. */
public final class ProjectDtos {

    private ProjectDtos() {
    }

    static final String MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";

    /** A new project, or the full new state of one (PUT). */
    public record ProjectInput(
            @NotBlank(message = "请填写项目名称") @Size(max = 200, message = "项目名称不能超过 200 字") String name,
            @NotNull(message = "请选择项目所属企业") UUID enterpriseId,
            @NotNull(message = "请选择责任单位") UUID departmentId,
            @NotNull(message = "请填写计划总投资（万元）")
            @DecimalMin(value = "0.01", message = "计划总投资应大于 0")
            @DecimalMax(value = "999999999999", message = "计划总投资过大")
            @Digits(integer = 12, fraction = 2, message = "金额最多两位小数") BigDecimal plannedInvestment,
            @NotBlank(message = "请填写开始月份") @Pattern(regexp = MONTH, message = "月份格式应为 2026-11") String startMonth,
            @NotBlank(message = "请填写计划完成月份") @Pattern(regexp = MONTH, message = "月份格式应为 2026-11") String endMonth,
            ProjectStatus status) {
    }

    public record Ref(UUID id, String name) {
    }

    public record Person(UUID id, String displayName) {
    }

    public record ProjectView(UUID id, String name, Ref enterprise, Ref department, BigDecimal plannedInvestment,
            String startMonth, String endMonth, ProjectStatus status, String statusLabel, ReportView latestReport,
            long version) {
    }

    /** A problem the project meets; it becomes a ledger issue of the project's enterprise. */
    public record Problem(
            @NotBlank(message = "请选择诉求类别") @Size(max = 30) String category,
            @NotBlank(message = "请填写问题标题") @Size(max = 200, message = "标题不能超过 200 字") String title,
            @NotBlank(message = "请描述问题") @Size(max = 5000, message = "描述不能超过 5000 字") String description) {
    }

    public record ReportInput(
            @NotBlank(message = "请填写报送月份") @Pattern(regexp = MONTH, message = "月份格式应为 2026-11") String month,
            @NotNull(message = "请填写累计完成投资（万元）")
            @DecimalMin(value = "0", message = "金额不能为负")
            @DecimalMax(value = "999999999999", message = "金额过大")
            @Digits(integer = 12, fraction = 2, message = "金额最多两位小数") BigDecimal investedToDate,
            @NotNull(message = "请填写累计计划投资（万元）")
            @DecimalMin(value = "0", message = "金额不能为负")
            @DecimalMax(value = "999999999999", message = "金额过大")
            @Digits(integer = 12, fraction = 2, message = "金额最多两位小数") BigDecimal plannedToDate,
            @NotBlank(message = "请填写本月进展") @Size(max = 2000, message = "进展不能超过 2000 字") String progress,
            @Size(max = 2000, message = "节点情况不能超过 2000 字") String milestones,
            @NotNull(message = "请说明是否存在制约项目推进的问题") Boolean blocked,
            @Size(max = 5, message = "一次最多报送 5 个问题") List<@Valid @NotNull Problem> problems) {
    }

    public record IssueRef(UUID id, String ledgerNo, String title, IssueStatus status, String statusLabel) {
    }

    public record ReportView(UUID id, String month, BigDecimal investedToDate, BigDecimal plannedToDate,
            BigDecimal completionPercent, boolean behindPlan, String progress, String milestones, boolean blocked,
            Person submittedBy, OffsetDateTime submittedAt, boolean late, List<IssueRef> problems) {
    }

    public record ProjectDetail(ProjectView project, List<ReportView> reports, List<IssueRef> issues) {
    }

    /** Where one project's report of a month stands, and which reminders went out. */
    public record CycleRow(UUID projectId, String projectName, Ref department, CycleStatus status, String statusLabel,
            List<String> noticesSent, OffsetDateTime submittedAt) {
    }

    public record Cycle(String month, LocalDate opensOn, LocalDate dueDate, List<CycleRow> projects) {
    }

    public record DispatchRow(ProjectView project, List<DispatchReason> reasons, List<String> reasonLabels,
            List<String> missingMonths, List<IssueRef> openProblems) {
    }

    /** The projects for a 调度 meeting: the two months {@code from}–{@code to}. */
    public record Dispatch(String from, String to, BigDecimal behindPlanBelowPercent, List<DispatchRow> projects) {
    }
}
