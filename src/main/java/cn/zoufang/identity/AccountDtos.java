package cn.zoufang.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of {@code /api/v1/accounts}. */
public final class AccountDtos {

    private AccountDtos() {
    }

    /** {@code password}: an initial password, which its owner must change at the first login. */
    public record NewAccount(
            @NotBlank(message = "请填写手机号") @Pattern(regexp = "^1[3-9]\\d{9}$", message = "手机号应为 11 位大陆手机号") String phone,
            @NotBlank(message = "请填写姓名") @Size(max = 60, message = "姓名不能超过 60 字") String displayName,
            @NotBlank(message = "请设置初始密码") @Size(max = 200, message = "密码过长") String password,
            @NotEmpty(message = "请至少选择一个角色") Set<@NotNull Role> roles,
            UUID departmentId,
            UUID enterpriseId) {
    }

    /** The whole of what the admin may change, sent back in full ({@code PUT} with {@code If-Match}). */
    public record AccountChange(
            @NotBlank(message = "请填写手机号") @Pattern(regexp = "^1[3-9]\\d{9}$", message = "手机号应为 11 位大陆手机号") String phone,
            @NotBlank(message = "请填写姓名") @Size(max = 60, message = "姓名不能超过 60 字") String displayName,
            @NotEmpty(message = "请至少选择一个角色") Set<@NotNull Role> roles,
            UUID departmentId,
            UUID enterpriseId) {
    }

    /** {@code successorId}: the colleague who takes over the planned visits (optional). */
    public record Disable(@Size(max = 200, message = "原因不能超过 200 字") String reason, UUID successorId) {
    }

    public record Handover(@NotNull(message = "请选择接替人") UUID successorId) {
    }

    public record HandoverResult(int visitsMoved) {
    }

    /** A reset code to read out to the account's owner, who sets a new password with it. Shown once. */
    public record ResetCode(String code, OffsetDateTime expiresAt) {
    }

    public record AccountView(UUID id, String phone, String displayName, List<Role> roles, List<String> roleLabels,
            UUID departmentId, UUID enterpriseId, boolean active, boolean activated, boolean passwordChangeRequired,
            boolean totpEnabled, OffsetDateTime disabledAt, long version) {
        static AccountView of(Account a) {
            List<Role> roles = a.roles.stream().sorted().toList();
            return new AccountView(a.id, a.phone, a.displayName, roles, roles.stream().map(Role::label).toList(),
                    a.departmentId, a.enterpriseId, a.active, a.activatedAt != null, a.passwordChangeRequired,
                    a.totpEnabled, a.disabledAt, a.version);
        }
    }
}
