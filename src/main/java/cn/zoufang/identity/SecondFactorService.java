package cn.zoufang.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The optional second factor (TOTP) of the roles that can change much: admin, office and desk. Turning it
 * on takes two steps (a secret to scan, then a first code that proves the app has it); turning it off
 * takes a current code. Once on, every login, SMS login and password change asks for a code.
 */
@ApplicationScoped
@WithSession
public class SecondFactorService {

    public record Enrollment(String secret, String otpauthUri) {
    }

    public record CodeInput(@jakarta.validation.constraints.NotBlank(message = "请输入动态口令")
    @jakarta.validation.constraints.Size(max = 10, message = "动态口令为 6 位数字") String code) {
    }

    private final AuditLog audit;
    private final Clock clock;

    public SecondFactorService(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Enrollment> start(Caller caller) {
        if (!caller.hasAny(Role.ADMIN, Role.OFFICE, Role.ENTERPRISE_DESK)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "动态口令仅供系统管理员、领导小组办公室和企情收处中心使用");
        }
        return mine(caller).map(a -> {
            if (a.totpEnabled) {
                throw new ApiException(ErrorCode.INVALID_STATE, "已开启动态口令；如需更换，请先关闭");
            }
            a.totpSecret = Totp.newSecret();
            String label = URLEncoder.encode("走访:" + a.displayName, StandardCharsets.UTF_8).replace("+", "%20");
            return new Enrollment(a.totpSecret, "otpauth://totp/" + label + "?secret=" + a.totpSecret
                    + "&issuer=" + URLEncoder.encode("走访", StandardCharsets.UTF_8) + "&digits=6&period=30");
        });
    }

    @WithTransaction
    public Uni<Void> confirm(Caller caller, String code) {
        return mine(caller).chain(a -> {
            if (a.totpEnabled || a.totpSecret == null) {
                throw new ApiException(ErrorCode.INVALID_STATE, a.totpEnabled ? "动态口令已开启" : "请先获取密钥");
            }
            if (!Totp.verify(a.totpSecret, code, clock.instant())) {
                throw new ApiException(ErrorCode.TOTP_INVALID, "动态口令不正确，请核对手机时间后重试");
            }
            a.totpEnabled = true;
            return audit.record(Entry.by(caller, "TOTP_ENABLE", "ACCOUNT", a.id));
        });
    }

    @WithTransaction
    public Uni<Void> disable(Caller caller, String code) {
        return mine(caller).chain(a -> {
            if (!a.totpEnabled) {
                throw new ApiException(ErrorCode.INVALID_STATE, "尚未开启动态口令");
            }
            if (!Totp.verify(a.totpSecret, code, clock.instant())) {
                throw new ApiException(ErrorCode.TOTP_INVALID, "动态口令不正确");
            }
            a.totpEnabled = false;
            a.totpSecret = null;
            return audit.record(Entry.by(caller, "TOTP_DISABLE", "ACCOUNT", a.id));
        });
    }

    /** The admin turns someone's second factor off (a lost phone); they turn it on again with a new secret. */
    @WithTransaction
    public Uni<Void> removeFor(Caller caller, java.util.UUID accountId) {
        return Account.<Account>findById(accountId).onItem().ifNull().failWith(() -> ApiException.notFound("账号"))
                .chain(a -> {
                    if (!a.totpEnabled) {
                        throw new ApiException(ErrorCode.INVALID_STATE, "该账号未开启动态口令");
                    }
                    a.totpEnabled = false;
                    a.totpSecret = null;
                    return audit.record(Entry.by(caller, "TOTP_RESET", "ACCOUNT", a.id));
                });
    }

    private static Uni<Account> mine(Caller caller) {
        return Account.<Account>findById(caller.id())
                .onItem().ifNull().failWith(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "账号不存在，请重新登录"));
    }
}
