package cn.zoufang.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.EnterpriseDtos.ContactAccount;
import cn.zoufang.directory.EnterpriseDtos.NewContact;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.SessionService;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * An enterprise's people in the app. The import and the desk create their accounts unactivated (no
 * password): the contact activates it with the credit code and an SMS code. An enterprise may have several;
 * one hands over to a successor, whose account is new, while theirs is disabled and its history stays.
 */
@ApplicationScoped
@WithSession
public class ContactService {

    private final EnterpriseService enterprises;
    private final SessionService sessions;
    private final AuditLog audit;
    private final Clock clock;

    public ContactService(EnterpriseService enterprises, SessionService sessions, AuditLog audit, Clock clock) {
        this.enterprises = enterprises;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** A contact account waiting for its owner to activate it. */
    static Account unactivated(UUID enterpriseId, String name, String phone, OffsetDateTime now) {
        Account a = Account.create(phone, name, EnumSet.of(Role.ENTERPRISE_CONTACT), now);
        a.enterpriseId = enterpriseId;
        a.activatedAt = null;
        return a;
    }

    /** Phones among these that already have an account. */
    public Uni<List<String>> takenPhones(List<String> phones) {
        if (phones.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Account.<Account>find("phone in ?1", phones).list().map(found -> found.stream().map(a -> a.phone).toList());
    }

    public Uni<List<ContactAccount>> list(Caller caller, UUID enterpriseId) {
        return manageable(caller, enterpriseId, false)
                .chain(e -> Account.<Account>find("enterpriseId = ?1 order by active desc, createdAt", e.id).list())
                .call(rows -> audit.personalDataRead(caller, "ENTERPRISE_CONTACTS_READ", "ENTERPRISE", enterpriseId,
                        rows.size() + " 个联系人账号"))
                .map(rows -> rows.stream().map(ContactService::view).toList());
    }

    /** Another contact of the enterprise (staff only), unactivated until they activate it. */
    public Uni<ContactAccount> add(Caller caller, UUID enterpriseId, NewContact input) {
        return Panache.withTransaction(() -> manageable(caller, enterpriseId, true)
                .chain(e -> create(caller, e, input, "ENTERPRISE_CONTACT_ADD", null)))
                .map(ContactService::view);
    }

    /**
     * Hands a contact's place to a new person: their account is made (unactivated), the old one is disabled
     * and its sessions end. Staff may do it for any contact; a contact for themself.
     */
    public Uni<ContactAccount> handover(Caller caller, UUID enterpriseId, UUID accountId, NewContact input) {
        Account[] old = new Account[1];
        return Panache.withTransaction(() -> manageable(caller, enterpriseId, !caller.id().equals(accountId))
                .chain(e -> Account.<Account>findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                        .map(a -> {
                            if (a == null || !e.id.equals(a.enterpriseId)) {
                                throw ApiException.notFound("联系人");
                            }
                            if (!a.active) {
                                throw new ApiException(ErrorCode.INVALID_STATE, "该联系人账号已停用");
                            }
                            old[0] = a;
                            return e;
                        }))
                .chain(e -> create(caller, e, input, "ENTERPRISE_CONTACT_HANDOVER", old[0].id)
                        .call(successor -> sessions.disable(old[0]))))
                .invoke(() -> sessions.announce(old[0]))
                .map(ContactService::view);
    }

    private Uni<Account> create(Caller caller, Enterprise e, NewContact input, String action, UUID predecessor) {
        Account a = unactivated(e.id, input.displayName(), input.phone(), Dates.now(clock));
        ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_PHONE, "该手机号已有账号");
        return Account.count("phone", a.phone)
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicate;
                    }
                })
                .chain(() -> a.persistAndFlush())
                .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique", duplicate))
                .chain(() -> audit.record(Entry.by(caller, action, "ACCOUNT", a.id)
                        .detail("enterprise " + e.id + (predecessor == null ? "" : "; replaces " + predecessor))))
                .replaceWith(a);
    }

    /**
     * The enterprise, when the caller may manage its contacts: the admin, the office and the desk (who see
     * every enterprise), or (unless {@code staffOnly}) its own contact. Out of scope looks like missing.
     */
    private Uni<Enterprise> manageable(Caller caller, UUID enterpriseId, boolean staffOnly) {
        return enterprises.findVisible(caller, enterpriseId).map(e -> {
            boolean staff = caller.hasAny(Role.ADMIN, Role.OFFICE, Role.ENTERPRISE_DESK);
            if (!staff && (staffOnly || !caller.hasAny(Role.ENTERPRISE_CONTACT))) {
                throw new ApiException(ErrorCode.FORBIDDEN, "只有系统管理员、领导小组办公室、企情收处中心或本企业联系人可以管理联系人");
            }
            return e;
        });
    }

    private static ContactAccount view(Account a) {
        return new ContactAccount(a.id, a.displayName, a.phone, a.active, a.activatedAt != null, a.disabledAt);
    }
}
