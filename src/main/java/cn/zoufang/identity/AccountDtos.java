package cn.zoufang.identity;

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

    public record NewAccount(
            @NotBlank(message = "请填写手机号") @Pattern(regexp = "^1[3-9]\\d{9}$", message = "手机号应为 11 位大陆手机号") String phone,
            @NotBlank(message = "请填写姓名") @Size(max = 60, message = "姓名不能超过 60 字") String displayName,
            @NotBlank(message = "请设置初始密码") @Size(min = 8, max = 200, message = "密码至少 8 位") String password,
            @NotEmpty(message = "请至少选择一个角色") Set<@NotNull Role> roles,
            UUID departmentId,
            UUID enterpriseId) {
    }

    public record AccountView(UUID id, String phone, String displayName, List<Role> roles, List<String> roleLabels,
            UUID departmentId, UUID enterpriseId, boolean active) {
        static AccountView of(Account a) {
            List<Role> roles = a.roles.stream().sorted().toList();
            return new AccountView(a.id, a.phone, a.displayName, roles, roles.stream().map(Role::label).toList(),
                    a.departmentId, a.enterpriseId, a.active);
        }
    }
}
