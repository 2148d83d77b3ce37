package cn.zoufang.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of {@code /api/v1/issues}. */
public final class IssueDtos {

    private IssueDtos() {
    }

    /**
     * A new issue; the id is made by the client, so a retried register never makes a second one. Without
     * {@code urgent}, the enterprise's 店小二 tier decides (a key enterprise's issues are urgent by default).
     */
    public record NewIssue(
            @NotNull(message = "请生成诉求 id（UUID）") UUID id,
            @NotNull(message = "请选择企业") UUID enterpriseId,
            @NotBlank(message = "请选择诉求类别") @Size(max = 30) String category,
            Boolean urgent,
            @NotBlank(message = "请填写标题") @Size(max = 200, message = "标题不能超过 200 字") String title,
            @NotBlank(message = "请描述问题") @Size(max = 5000, message = "描述不能超过 5000 字") String description,
            UUID visitId) {
    }

    public record Forward(
            @NotNull(message = "请选择牵头责任单位") UUID leadDepartmentId,
            @Size(max = 5, message = "协办单位最多 5 个") List<@NotNull UUID> assistingDepartmentIds,
            @Size(max = 1000, message = "转办意见不能超过 1000 字") String note) {
    }

    public record Note(@Size(max = 1000, message = "意见不能超过 1000 字") String note) {
    }

    public record Return(
            @NotBlank(message = "请填写退回理由") @Size(max = 500, message = "理由不能超过 500 字") String reason) {
    }

    public record Respond(
            @NotBlank(message = "请填写答复内容") @Size(max = 5000, message = "答复不能超过 5000 字") String response,
            @NotNull(message = "请说明问题是否已解决") Resolution resolution) {
    }

    public record Confirm(
            @NotNull(message = "请选择是否满意") Boolean satisfied,
            @NotNull(message = "请评分") @Min(value = 1, message = "评分为 1 到 5") @Max(value = 5, message = "评分为 1 到 5") Integer rating,
            @Size(max = 1000, message = "评价不能超过 1000 字") String comment) {
    }

    public record ExtensionRequest(
            @NotNull(message = "请填写延期的工作日数") @Min(value = 1, message = "延期 1 到 30 个工作日")
            @Max(value = 30, message = "延期 1 到 30 个工作日") Integer workingDays,
            @NotBlank(message = "请说明延期理由") @Size(max = 500, message = "理由不能超过 500 字") String reason) {
    }

    public record ExtensionDecision(
            @NotNull(message = "请选择同意或不同意") Boolean approved,
            @Size(max = 500, message = "意见不能超过 500 字") String note) {
    }

    public record Supervision(
            @NotBlank(message = "请写明督办要求") @Size(max = 1000, message = "督办要求不能超过 1000 字") String note) {
    }

    public record Duplicate(
            @NotNull(message = "请指定原诉求") UUID originalId,
            @Size(max = 500, message = "说明不能超过 500 字") String note) {
    }

    /** 阶段性答复: progress the enterprise reads, without closing the answer step. */
    public record InterimReply(
            @NotBlank(message = "请填写办理进展") @Size(max = 2000, message = "进展不能超过 2000 字") String text) {
    }

    /** 协办意见: an assisting department's opinion, for the lead department. */
    public record Opinion(
            @NotBlank(message = "请填写协办意见") @Size(max = 2000, message = "意见不能超过 2000 字") String opinion) {
    }

    /** What the department waits for from the enterprise (documents, a site date). */
    public record Pause(
            @NotBlank(message = "请写明需要企业补充的内容") @Size(max = 1000, message = "说明不能超过 1000 字") String reason) {
    }

    /** Why the desk sends an answer back to the department. */
    public record SendBack(
            @NotBlank(message = "请写明退回意见") @Size(max = 1000, message = "意见不能超过 1000 字") String comment) {
    }

    public record Ref(UUID id, String name) {
    }

    /** A step the caller may take on an issue now: its action, its label and its endpoint under the issue. */
    public record AllowedStep(IssueAction action, String label, String path) {
    }

    /** An assisting department's opinion, due by its own date; {@code stage} while it is still awaited. */
    public record AssistOpinion(Ref department, LocalDate dueDate, Stage stage, String stageLabel, String opinion,
            OffsetDateTime filedAt) {
    }

    /** {@code retired}: kept for the issues that have it, not offered for new ones. */
    public record CategoryView(String code, String name, int deadlineDays, int urgentDeadlineDays, int sortOrder,
            boolean retired, UnifiedFeedback unifiedFeedback, String unifiedFeedbackLabel) {
    }

    /** A category as the office sets it; the urgent deadline may not be longer than the normal one. */
    public record CategoryInput(
            @NotBlank(message = "请填写类别名称") @Size(max = 40, message = "类别名称不能超过 40 字") String name,
            @NotNull(message = "请填写办理期限") @Min(value = 1, message = "期限 1 到 60 个工作日")
            @Max(value = 60, message = "期限 1 到 60 个工作日") Integer deadlineDays,
            @NotNull(message = "请填写加急期限") @Min(value = 1, message = "期限 1 到 60 个工作日")
            @Max(value = 60, message = "期限 1 到 60 个工作日") Integer urgentDeadlineDays,
            @NotNull(message = "请填写排序") @Min(value = 0, message = "排序不能为负") Integer sortOrder,
            Boolean retired,
            UnifiedFeedback unifiedFeedback) {
    }

    public record IssueView(UUID id, String ledgerNo, UUID enterpriseId, String enterpriseName, IssueSource source,
            String sourceLabel, String category, String categoryLabel, boolean urgent, String title,
            String description, IssueStatus status, String statusLabel, Ref leadDepartment,
            List<Ref> assistingDepartments, OffsetDateTime forwardedAt, LocalDate dueDate, Stage stage,
            String stageLabel, Integer daysOverdue, Integer workingDaysLeft, String response, Resolution resolution, String resolutionLabel,
            OffsetDateTime respondedAt, Integer rating, Boolean satisfied, CloseReason closeReason,
            String closeReasonLabel, OffsetDateTime closedAt, UUID duplicateOf, boolean supervised,
            String supervisionNote, Integer extensionRequestedDays, String extensionReason,
            List<AssistOpinion> opinions, OffsetDateTime pausedAt, int pausedWorkingDays, OffsetDateTime createdAt,
            UUID projectId, long version) {
    }

    /** One step of the timeline; for the enterprise, actors inside the government show as their role only. */
    public record TimelineEntry(OffsetDateTime at, IssueAction action, String actionLabel, IssueStatus fromStatus,
            IssueStatus toStatus, String toStatusLabel, Ref actor, String actorRole, String text, UUID photoId) {
    }
}
