package cn.zoufang.identity;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.identity.AccountDtos.AccountView;
import cn.zoufang.identity.AccountDtos.NewAccount;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.EnumSetConverter;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Accounts: created by the admin (password hashed off the event loop), listed for the office. */
@ApplicationScoped
@WithSession
public class AccountService {

    private final PasswordHasher hasher;
    private final AuditLog audit;

    private final Clock clock;

    public AccountService(PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Staff and contacts with their phone numbers: a read of personal data, audited. */
    public Uni<Page<AccountView>> list(Caller caller, Role role, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 1);
        StringBuilder hql = new StringBuilder("from Account a where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (role != null) {
            hql.append(" and a.rolesText like :role");
            params.put("role", EnumSetConverter.containsPattern(role));
        }
        if (cursor != null) {
            hql.append(" and a.phone > :after");
            params.put("after", cursor.key(0));
        }
        return Account.<Account>find(hql + " order by a.phone", params).range(0, limit).list()
                .call(rows -> audit.personalDataRead(caller, "ACCOUNTS_READ", "ACCOUNT", null,
                        Math.min(rows.size(), limit) + " 个账号" + (role == null ? "" : "（" + role.label() + "）")))
                .map(rows -> Page.of(rows, limit, AccountView::of, a -> Cursor.of(a.phone)));
    }

    @WithTransaction
    public Uni<AccountView> create(Caller caller, NewAccount input) {
        if (input.roles().contains(Role.DEPARTMENT_HANDLER) != (input.departmentId() != null)) {
            throw ApiException.invalidField("departmentId", FieldCode.INVALID,
                    "责任单位经办人须指定所属单位；其他角色不填");
        }
        if (input.roles().contains(Role.ENTERPRISE_CONTACT) != (input.enterpriseId() != null)) {
            throw ApiException.invalidField("enterpriseId", FieldCode.INVALID,
                    "企业联系人须指定所属企业；其他角色不填");
        }
        ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_PHONE, "该手机号已有账号");
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.phone = input.phone();
        a.displayName = input.displayName().trim();
        a.roles = EnumSet.copyOf(input.roles());
        a.departmentId = input.departmentId();
        a.enterpriseId = input.enterpriseId();
        a.createdAt = Dates.now(clock);
        return exists(Department.class, input.departmentId(), "departmentId")
                .chain(() -> exists(Enterprise.class, input.enterpriseId(), "enterpriseId"))
                .chain(() -> Account.count("phone", a.phone))
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicate;
                    }
                })
                .chain(() -> hasher.hash(input.password()))
                .chain(hash -> {
                    a.passwordHash = hash;
                    return a.persistAndFlush();
                })
                .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique", duplicate))
                .chain(() -> audit.record(Entry.by(caller, "ACCOUNT_CREATE", "ACCOUNT", a.id)
                        .detail("roles " + a.roles)))
                .map(v -> AccountView.of(a));
    }

    private static Uni<Void> exists(Class<?> type, UUID id, String field) {
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<?> found = type == Department.class ? Department.findById(id) : Enterprise.findById(id);
        return found.map(x -> {
            if (x == null) {
                throw ApiException.invalidField(field, FieldCode.INVALID, "指定的单位或企业不存在");
            }
            return null;
        });
    }
}
