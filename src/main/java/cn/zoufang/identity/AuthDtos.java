package cn.zoufang.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response bodies of {@code /api/v1/auth}. */
public final class AuthDtos {

    private AuthDtos() {
    }

    /** {@code totpCode}: the authenticator's code, for accounts that turned the second factor on. */
    public record LoginRequest(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入密码") @Size(max = 200, message = "密码过长") String password,
            @Size(max = 10, message = "动态口令为 6 位数字") String totpCode) {
    }

    public record RefreshRequest(@NotBlank(message = "缺少 refreshToken") @Size(max = 200) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
            long refreshExpiresIn) {
    }

    /** What a one-time code may be asked for; the admin's reset code is not asked for by SMS. */
    public enum CodeKind {
        LOGIN(CodePurpose.LOGIN), PASSWORD_RESET(CodePurpose.PASSWORD_RESET), ACTIVATION(CodePurpose.ACTIVATION);

        final CodePurpose purpose;

        CodeKind(CodePurpose purpose) {
            this.purpose = purpose;
        }
    }

    /** {@code creditCode}: for {@code ACTIVATION}, the enterprise's unified social credit code. */
    public record CodeRequest(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotNull(message = "请选择验证码用途") CodeKind purpose,
            @Size(max = 18, message = "统一社会信用代码为 18 位") String creditCode) {
    }

    public record SmsLoginRequest(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入验证码") @Size(max = 10, message = "验证码过长") String code,
            @Size(max = 10, message = "动态口令为 6 位数字") String totpCode) {
    }

    public record PasswordChange(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入原密码") @Size(max = 200, message = "密码过长") String password,
            @NotBlank(message = "请输入新密码") @Size(max = 200, message = "密码过长") String newPassword,
            @Size(max = 10, message = "动态口令为 6 位数字") String totpCode) {
    }

    /** {@code code}: from the password-reset SMS, or the reset code the admin gave. */
    public record PasswordReset(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入验证码") @Size(max = 10, message = "验证码过长") String code,
            @NotBlank(message = "请输入新密码") @Size(max = 200, message = "密码过长") String newPassword) {
    }

    public record Activation(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入统一社会信用代码") @Size(max = 18, message = "统一社会信用代码为 18 位") String creditCode,
            @NotBlank(message = "请输入验证码") @Size(max = 10, message = "验证码过长") String code,
            @NotBlank(message = "请设置密码") @Size(max = 200, message = "密码过长") String newPassword) {
    }
}
