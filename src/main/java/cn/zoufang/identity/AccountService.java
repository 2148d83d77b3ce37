package cn.zoufang.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.GroupMember;
import cn.zoufang.identity.AccountDtos.AccountChange;
import cn.zoufang.identity.AccountDtos.AccountView;
import cn.zoufang.identity.AccountDtos.HandoverResult;
import cn.zoufang.identity.AccountDtos.NewAccount;
import cn.zoufang.identity.AccountDtos.ResetCode;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.EnumSetConverter;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Accounts over their life, all by the admin and audited with what changed: created (with an initial
 * password its owner must change), changed, disabled (every login ends; planned visits can go to a
 * colleague) and enabled again, handed a reset code. The office reads them to staff groups. Writes that end
 * sessions commit first and then tell the {@link SessionGate}, which is why they open their transaction
 * themselves.
 */
@ApplicationScoped
@WithSession
public class AccountService {

    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final OneTimeCodeService codes;
    private final AuditLog audit;

    private final Clock clock;

    public AccountService(PasswordHasher hasher, PasswordPolicy policy, SessionService sessions, OneTimeCodeService codes,
            AuditLog audit, Clock clock) {
        this.clock = clock;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.codes = codes;
        this.audit = audit;
    }

    public record Filter(Role role, Boolean active, UUID departmentId, UUID enterpriseId, String q) {
    }

    /** Staff and contacts with their phone numbers: a read of personal data, audited. */
    public Uni<Page<AccountView>> list(Caller caller, Filter filter, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 1);
        StringBuilder hql = new StringBuilder("from Account a where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.role() != null) {
            hql.append(" and a.rolesText like :role");
            params.put("role", EnumSetConverter.containsPattern(filter.role()));
        }
        if (filter.active() != null) {
            hql.append(" and a.active = :active");
            params.put("active", filter.active());
        }
        if (filter.departmentId() != null) {
            hql.append(" and a.departmentId = :department");
            params.put("department", filter.departmentId());
        }
        if (filter.enterpriseId() != null) {
            hql.append(" and a.enterpriseId = :enterprise");
            params.put("enterprise", filter.enterpriseId());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            // A phone's beginning or a part of the name.
            hql.append(" and (a.phone like :phonePrefix or a.displayName like :name)");
            String q = filter.q().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("phonePrefix", q + "%");
            params.put("name", "%" + q + "%");
        }
        if (cursor != null) {
            hql.append(" and a.phone > :after");
            params.put("after", cursor.key(0));
        }
        return Account.<Account>find(hql + " order by a.phone", params).range(0, limit).list()
                .call(rows -> audit.personalDataRead(caller, "ACCOUNTS_READ", "ACCOUNT", null,
                        Math.min(rows.size(), limit) + " 个账号"
                                + (filter.role() == null ? "" : "（" + filter.role().label() + "）")))
                .map(rows -> Page.of(rows, limit, AccountView::of, a -> Cursor.of(a.phone)));
    }

    public Uni<Account> get(Caller caller, UUID id) {
        return Account.<Account>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("账号"))
                .call(a -> audit.personalDataRead(caller, "ACCOUNT_READ", "ACCOUNT", a.id, null));
    }

    @WithTransaction
    public Uni<AccountView> create(Caller caller, NewAccount input) {
        requireAffiliation(input.roles(), input.departmentId(), input.enterpriseId());
        policy.check("password", input.password(), input.phone());
        Account a = Account.create(input.phone(), input.displayName(), input.roles(), Dates.now(clock));
        a.departmentId = input.departmentId();
        a.enterpriseId = input.enterpriseId();
        // Someone else chose it: its owner replaces it at the first login.
        a.passwordChangeRequired = true;
        return affiliationExists(input.departmentId(), input.enterpriseId())
                .chain(() -> phoneFree(a.phone, null))
                .chain(() -> hasher.hash(input.password()))
                .chain(hash -> {
                    a.passwordHash = hash;
                    return a.persistAndFlush();
                })
                .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique", duplicatePhone()))
                .chain(() -> audit.record(Entry.by(caller, "ACCOUNT_CREATE", "ACCOUNT", a.id)
                        .detail("roles " + a.roles)))
                .map(v -> AccountView.of(a));
    }

    /**
     * Roles, unit, enterprise, name and phone. A change of roles, unit, enterprise or phone refuses the access
     * tokens the account holds (their claims are stale); its logins go on and the next refresh carries the change.
     */
    public Uni<Account> update(Caller caller, UUID id, String ifMatch, AccountChange input) {
        requireAffiliation(input.roles(), input.departmentId(), input.enterpriseId());
        return Panache.withTransaction(() -> locked(id).chain(a -> {
            Preconditions.requireMatch(ifMatch, a.version);
            List<String> changes = new ArrayList<>();
            boolean claims = !a.roles.equals(input.roles()) || !a.phone.equals(input.phone())
                    || !Objects.equals(a.departmentId, input.departmentId())
                    || !Objects.equals(a.enterpriseId, input.enterpriseId());
            note(changes, "phone", a.phone, input.phone());
            note(changes, "displayName", a.displayName, input.displayName().trim());
            note(changes, "roles", a.roles, EnumSet.copyOf(input.roles()));
            note(changes, "departmentId", a.departmentId, input.departmentId());
            note(changes, "enterpriseId", a.enterpriseId, input.enterpriseId());
            if (a.id.equals(caller.id()) && !input.roles().contains(Role.ADMIN)) {
                throw new ApiException(ErrorCode.INVALID_STATE, "不能取消自己的系统管理员角色");
            }
            return affiliationExists(input.departmentId(), input.enterpriseId())
                    .chain(() -> phoneFree(input.phone(), a.id))
                    .chain(() -> a.roles.contains(Role.ADMIN) && !input.roles().contains(Role.ADMIN)
                            ? requireAnotherAdmin(a.id) : Uni.createFrom().voidItem())
                    .chain(() -> {
                        a.phone = input.phone();
                        a.displayName = input.displayName().trim();
                        a.roles = EnumSet.copyOf(input.roles());
                        a.departmentId = input.departmentId();
                        a.enterpriseId = input.enterpriseId();
                        if (claims) {
                            sessions.raiseEpoch(a);
                        }
                        return Panache.flush();
                    })
                    .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique", duplicatePhone()))
                    .chain(() -> audit.record(Entry.by(caller, "ACCOUNT_UPDATE", "ACCOUNT", a.id)
                            .detail(String.join("; ", changes))))
                    .replaceWith(a);
        })).invoke(sessions::announce);
    }

    /**
     * Disabled: no login of any kind, every session ends at once (access tokens within the gate's interval),
     * codes void, group memberships end; with a successor, the planned visits go to them first.
     */
    public Uni<AccountView> disable(Caller caller, UUID id, String ifMatch, AccountDtos.Disable input) {
        return Panache.withTransaction(() -> locked(id).chain(a -> {
            Preconditions.requireMatch(ifMatch, a.version);
            if (a.id.equals(caller.id())) {
                throw new ApiException(ErrorCode.INVALID_STATE, "不能停用自己的账号");
            }
            if (!a.active) {
                throw new ApiException(ErrorCode.INVALID_STATE, "该账号已停用");
            }
            return (a.roles.contains(Role.ADMIN) ? requireAnotherAdmin(a.id) : Uni.createFrom().voidItem())
                    .chain(() -> cn.zoufang.directory.AssistanceGroup.count("leaderId", a.id))
                    .invoke(led -> {
                        if (led > 0) {
                            throw new ApiException(ErrorCode.INVALID_STATE, "该账号是帮扶小组的带队领导，请先更换组长");
                        }
                    })
                    .chain(() -> input.successorId() == null ? Uni.createFrom().item(0)
                            : moveVisits(a, input.successorId()))
                    .chain(moved -> sessions.disable(a)
                            .chain(() -> codes.revokeAll(a.id))
                            .chain(() -> GroupMember.delete("accountId", a.id))
                            .chain(() -> audit.record(Entry.by(caller, "ACCOUNT_DISABLE", "ACCOUNT", a.id)
                                    .detail((input.reason() == null ? "" : input.reason().trim())
                                            + (input.successorId() == null ? ""
                                                    : "; " + moved + " visits to " + input.successorId())))))
                    .replaceWith(a);
        })).invoke(sessions::announce).map(AccountView::of);
    }

    @WithTransaction
    public Uni<AccountView> enable(Caller caller, UUID id, String ifMatch) {
        return locked(id).chain(a -> {
            Preconditions.requireMatch(ifMatch, a.version);
            if (a.active) {
                throw new ApiException(ErrorCode.INVALID_STATE, "该账号未停用");
            }
            a.active = true;
            a.disabledAt = null;
            return audit.record(Entry.by(caller, "ACCOUNT_ENABLE", "ACCOUNT", a.id)).replaceWith(a);
        }).map(AccountView::of);
    }

    /** A departing or moved official's planned visits (regular and follow-up) go to a colleague. */
    @WithTransaction
    public Uni<HandoverResult> handover(Caller caller, UUID id, UUID successorId) {
        return Account.<Account>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("账号"))
                .chain(a -> moveVisits(a, successorId)
                        .call(moved -> audit.record(Entry.by(caller, "VISITS_HANDOVER", "ACCOUNT", a.id)
                                .detail(moved + " visits to " + successorId))))
                .map(HandoverResult::new);
    }

    /**
     * The planned visits this account made or takes part in: made by the successor instead, who must be an
     * active member of each visit's group. @return how many visits changed
     */
    private Uni<Integer> moveVisits(Account from, UUID successorId) {
        if (successorId.equals(from.id)) {
            throw ApiException.invalidField("successorId", FieldCode.INVALID, "接替人不能是本人");
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select count(*) from visit v
                where v.status = 'PLANNED' and (v.created_by = :from
                       or exists (select 1 from visit_participant p where p.visit_id = v.id and p.account_id = :from))
                  and not exists (select 1 from group_member m join account a on a.id = m.account_id
                                  where m.group_id = v.group_id and m.account_id = :to and a.active)""", Long.class)
                .setParameter("from", from.id).setParameter("to", successorId).getSingleResult()
                .invoke(outside -> {
                    if (outside > 0) {
                        throw ApiException.invalidField("successorId", FieldCode.INVALID,
                                "接替人须是这些走访所属帮扶小组的在岗成员");
                    }
                })
                .chain(() -> s.createNativeQuery("""
                        with moved as (
                            update visit set created_by = :to, version = version + 1, updated_at = :now
                            where status = 'PLANNED' and created_by = :from returning id),
                        joined as (
                            update visit_participant p set account_id = :to
                            where p.account_id = :from
                              and p.visit_id in (select id from visit where status = 'PLANNED')
                              and not exists (select 1 from visit_participant q where q.visit_id = p.visit_id
                                              and q.account_id = :to)
                            returning p.visit_id)
                        select count(*) from (select id from moved union select visit_id from joined) x""", Long.class)
                        .setParameter("from", from.id).setParameter("to", successorId)
                        .setParameter("now", Dates.now(clock)).getSingleResult())
                .call(() -> s.createNativeQuery("""
                        delete from visit_participant p where p.account_id = :from
                          and p.visit_id in (select id from visit where status = 'PLANNED')""")
                        .setParameter("from", from.id).executeUpdate()))
                .map(Long::intValue);
    }

    /** A code to read out to the account's owner (8 digits, a day); shown once, audited. */
    @WithTransaction
    public Uni<ResetCode> resetCode(Caller caller, UUID id) {
        return Account.<Account>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("账号"))
                .chain(a -> {
                    if (!a.active || a.activatedAt == null) {
                        throw new ApiException(ErrorCode.INVALID_STATE, a.active ? "账号尚未激活，请让本人用短信验证码激活"
                                : "账号已停用，请先启用");
                    }
                    return codes.create(a, CodePurpose.ADMIN_RESET)
                            .call(() -> audit.record(Entry.by(caller, "PASSWORD_RESET_CODE", "ACCOUNT", a.id)));
                })
                .map(code -> new ResetCode(code, Dates.now(clock).plus(CodePurpose.ADMIN_RESET.lifetime())));
    }

    /** Every login of the account ends (a lost phone, a suspicion). */
    public Uni<Void> endSessions(Caller caller, UUID id) {
        return Panache.withTransaction(() -> locked(id).call(sessions::endAll)
                .call(a -> audit.record(Entry.by(caller, "SESSIONS_END", "ACCOUNT", a.id))))
                .invoke(sessions::announce).replaceWithVoid();
    }

    private static Uni<Account> locked(UUID id) {
        return Account.<Account>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("账号"));
    }

    private static Uni<Void> requireAnotherAdmin(UUID except) {
        return Account.count("rolesText like ?1 and active = true and id <> ?2",
                EnumSetConverter.containsPattern(Role.ADMIN), except)
                .invoke(n -> {
                    if (n == 0) {
                        throw new ApiException(ErrorCode.INVALID_STATE, "这是唯一在用的系统管理员账号，不能停用或取消其管理员角色");
                    }
                })
                .replaceWithVoid();
    }

    private static void requireAffiliation(Set<Role> roles, UUID departmentId, UUID enterpriseId) {
        if (roles.contains(Role.DEPARTMENT_HANDLER) != (departmentId != null)) {
            throw ApiException.invalidField("departmentId", FieldCode.INVALID, "责任单位经办人须指定所属单位；其他角色不填");
        }
        if (roles.contains(Role.ENTERPRISE_CONTACT) != (enterpriseId != null)) {
            throw ApiException.invalidField("enterpriseId", FieldCode.INVALID, "企业联系人须指定所属企业；其他角色不填");
        }
    }

    private static Uni<Void> phoneFree(String phone, UUID except) {
        return (except == null ? Account.count("phone", phone) : Account.count("phone = ?1 and id <> ?2", phone, except))
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicatePhone();
                    }
                })
                .replaceWithVoid();
    }

    static ApiException duplicatePhone() {
        return new ApiException(ErrorCode.DUPLICATE_PHONE, "该手机号已有账号");
    }

    private static void note(List<String> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + ": " + before + " → " + after);
        }
    }

    private static Uni<Void> affiliationExists(UUID departmentId, UUID enterpriseId) {
        return exists(Department.class, departmentId, "departmentId")
                .chain(() -> exists(Enterprise.class, enterpriseId, "enterpriseId"));
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
