package cn.zoufang.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response bodies of {@code /api/v1/auth}. */
public final class AuthDtos {

    private AuthDtos() {
    }

    public record LoginRequest(
            @NotBlank(message = "请输入手机号") @Size(max = 20, message = "手机号过长") String phone,
            @NotBlank(message = "请输入密码") @Size(max = 200, message = "密码过长") String password) {
    }

    public record RefreshRequest(@NotBlank(message = "缺少 refreshToken") @Size(max = 200) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
            long refreshExpiresIn) {
    }
}
