package cn.zoufang.meeting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the meeting endpoints take and answer. */
public final class MeetingDtos {

    private MeetingDtos() {
    }

    public record NewMeeting(@NotNull(message = "请选择会议类别") Meeting.Kind kind,
            @NotBlank(message = "请填写会议名称") @Size(max = 200, message = "会议名称不能超过 200 字") String title,
            @NotNull(message = "请填写会议日期") LocalDate heldOn) {
    }

    public record Escalation(@NotNull(message = "请选择诉求") UUID issueId,
            @NotBlank(message = "请填写提请会议研究的理由") @Size(max = 500, message = "理由不能超过 500 字") String reason) {
    }

    public record DecisionInput(@NotNull(message = "请选择决定所针对的议题") UUID issueId,
            @NotBlank(message = "请填写决定事项") @Size(max = 1000, message = "决定事项不能超过 1000 字") String text,
            @NotNull(message = "请选择承办单位") UUID departmentId,
            @NotNull(message = "请填写办结期限") LocalDate deadline) {
    }

    public record Minutes(@NotBlank(message = "请填写会议纪要") @Size(max = 20000, message = "会议纪要不能超过 20000 字") String minutes,
            @NotNull(message = "请填写决定事项（可为空列表）") @Size(max = 50, message = "决定事项不能超过 50 项")
            List<@Valid @NotNull(message = "决定事项不能为空") DecisionInput> decisions) {
    }

    /** An issue on the agenda, as it stands now. */
    public record Item(UUID issueId, String ledgerNo, String title, String enterpriseName, String departmentName,
            String status, String statusLabel, LocalDate dueDate, String reason, OffsetDateTime escalatedAt) {
    }

    /**
     * A decision and its ledger item (交办). {@code followedThrough}: answered on or before the deadline (true),
     * not answered by it (false), or not yet due (null).
     */
    public record Decision(UUID id, UUID issueId, String text, UUID departmentId, String departmentName,
            LocalDate deadline, UUID taskIssueId, String taskLedgerNo, String taskStatus, String taskStatusLabel,
            Boolean followedThrough) {
    }

    public record MeetingView(UUID id, Meeting.Kind kind, String kindLabel, String title, LocalDate heldOn,
            Meeting.Status status, String statusLabel, String minutes, List<Item> items, List<Decision> decisions,
            long version) {
    }

    public record MeetingSummary(UUID id, Meeting.Kind kind, String kindLabel, String title, LocalDate heldOn,
            Meeting.Status status, String statusLabel, long items, long decisions) {
    }

    /** Decisions due in a period, and how many were answered on or before their deadline (落实率). */
    public record FollowThrough(String period, String label, long due, long onTime, Double rate, List<Decision> late) {
    }
}
