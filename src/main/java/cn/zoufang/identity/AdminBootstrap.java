package cn.zoufang.identity;

import java.time.Clock;
import java.util.EnumSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.EnumSetConverter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The first administrator of a new zone's empty database: started once with
 * {@code ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE} and {@code ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD} (from a secret),
 * the service creates that admin while no active admin exists, with the password marked for change at the
 * first login. Once an admin exists the settings do nothing (remove them). A password the policy refuses,
 * or a phone taken by another account, stops the start with the reason.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AuthConfig.Bootstrap config;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public AdminBootstrap(AuthConfig config, PasswordHasher hasher, PasswordPolicy policy, AuditLog audit, Clock clock) {
        this.config = config.bootstrap();
        this.hasher = hasher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    void create(@Observes StartupEvent event) throws Throwable {
        if (config.adminPhone().isEmpty() && config.adminPassword().isEmpty()) {
            return;
        }
        String phone = config.adminPhone().orElse("").trim();
        String password = config.adminPassword().orElse("");
        if (!phone.matches("^1[3-9]\\d{9}$") || password.isEmpty()) {
            throw new IllegalStateException("首个管理员的手机号须为 11 位大陆手机号，且须同时给出一次性密码: "
                    + "set both ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE (a mainland mobile) and ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD");
        }
        Long admins = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Account.count(
                "rolesText like ?1 and active = true", EnumSetConverter.containsPattern(Role.ADMIN))));
        if (admins > 0) {
            LOG.info("An administrator exists: the bootstrap settings are ignored and may be removed");
            return;
        }
        try {
            policy.check("password", password, phone);
        } catch (ApiException e) {
            throw new IllegalStateException("首个管理员的一次性密码不符合密码规则（" + e.errors().get(0).message() + "）: "
                    + "ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PASSWORD is refused by the password policy");
        }
        Long taken = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Account.count("phone", phone)));
        if (taken > 0) {
            throw new IllegalStateException("该手机号已有账号，不能作为首个管理员: ZOUFANG_AUTH_BOOTSTRAP_ADMIN_PHONE "
                    + "belongs to an existing account; give the admin role to it through an admin, or choose another phone");
        }
        // Hashed here, on the start-up thread, where slow work is allowed.
        String hash = hasher.hashNow(password);
        Account a = Account.create(phone, config.adminName(), EnumSet.of(Role.ADMIN), Dates.now(clock));
        a.passwordHash = hash;
        a.passwordChangeRequired = true;
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> a.persist()
                .chain(() -> audit.record(Entry.system("ACCOUNT_BOOTSTRAP", "ACCOUNT", a.id).detail("roles [ADMIN]")))));
        LOG.infof("First administrator created (%s); the one-time password must be changed at the first login",
                phone.substring(0, 3) + "****" + phone.substring(7));
    }
}
