package cn.zoufang.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the monthly report endpoints. */
public final class ReportDtos {

    private ReportDtos() {
    }

    /** The leader's narrative; each part may be saved while unfinished, submission needs progress and plan. */
    public record Narrative(
            @Size(max = 5000, message = "工作进展不能超过 5000 字") String progress,
            @Size(max = 5000, message = "解决问题情况不能超过 5000 字") String problemsSolved,
            @Size(max = 5000, message = "下月计划不能超过 5000 字") String nextPlan) {
    }

    public record Review(
            @NotBlank(message = "请填写退回意见") @Size(max = 2000, message = "退回意见不能超过 2000 字") String comment) {
    }

    public record Person(UUID id, String displayName) {
    }

    public record VersionSummary(int version, ReportStatus status, String statusLabel, OffsetDateTime submittedAt,
            boolean late, OffsetDateTime reviewedAt, String reviewComment) {
    }

    /**
     * The current version of a group's report for a month, or the not-started state. {@code figures} are
     * frozen once submitted ({@code figuresFrozen}), otherwise computed now.
     */
    public record ReportView(UUID id, UUID groupId, String groupName, String month, int version, ReportStatus status,
            String statusLabel, String progress, String problemsSolved, String nextPlan, Figures figures,
            boolean figuresFrozen, int dictionaryVersion, LocalDate dueDate, boolean late, boolean missing,
            OffsetDateTime submittedAt, Person submittedBy, OffsetDateTime reviewedAt, Person reviewedBy,
            String reviewComment, List<VersionSummary> versions) {
    }

    /** One line of the office's list of a month's reports. */
    public record ReportSummary(UUID groupId, String groupName, Person leader, String month, UUID reportId, int version,
            ReportStatus status, String statusLabel, OffsetDateTime submittedAt, boolean late, boolean missing) {
    }
}
