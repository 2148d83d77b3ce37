package cn.zoufang.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of {@code /api/v1/groups} and {@code /api/v1/assignments}. */
public final class GroupDtos {

    private GroupDtos() {
    }

    public record NewGroup(
            @NotBlank(message = "请填写小组名称") @Size(max = 100, message = "小组名称不能超过 100 字") String name,
            @NotNull(message = "请指定带队区领导") UUID leaderId,
            @Size(max = 50, message = "一个小组最多 50 名成员") List<@NotNull UUID> memberIds) {
    }

    public record NewMember(@NotNull(message = "请指定成员") UUID accountId) {
    }

    /** Assign an enterprise to the group from {@code startDate} (today when absent). An open assignment
     * to another group ends the day before: a reassignment, with the history kept. */
    public record NewAssignment(@NotNull(message = "请指定企业") UUID enterpriseId, LocalDate startDate) {
    }

    public record AssignmentEnd(@NotNull(message = "请填写结束日期") LocalDate endDate) {
    }

    public record MemberView(UUID id, String displayName, boolean leader) {
    }

    public record NewLeader(@jakarta.validation.constraints.NotNull(message = "请选择新的带队区领导") UUID accountId) {
    }

    /** A leader of the group, past ({@code endedAt} set) or present. */
    public record LeaderTerm(UUID accountId, String displayName, java.time.OffsetDateTime startedAt,
            java.time.OffsetDateTime endedAt) {
    }

    public record GroupView(UUID id, String name, UUID leaderId, List<MemberView> members, long version) {
    }

    public record AssignmentView(UUID id, UUID groupId, String groupName, UUID enterpriseId, String enterpriseName,
            LocalDate startDate, LocalDate endDate) {
    }
}
