package cn.zoufang.identity;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String phone;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** Null until an imported contact activates the account and sets a password. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Convert(converter = Role.SetConverter.class)
    @Column(nullable = false)
    public Set<Role> roles = EnumSet.noneOf(Role.class);

    /** The same column as text, read-only, so that queries can filter with {@code like '%,X,%'}. */
    @Column(name = "roles", insertable = false, updatable = false)
    public String rolesText;

    @Column(name = "department_id")
    public UUID departmentId;

    @Column(name = "enterprise_id")
    public UUID enterpriseId;

    public boolean active = true;

    /** Null for a contact created by an import who has not activated the account yet. */
    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    /** An initial, bootstrap or admin-set password: the next login must change it first. */
    @Column(name = "password_change_required", nullable = false)
    public boolean passwordChangeRequired;

    /** Access tokens carry it; raising it refuses every access token issued before (SessionGate). */
    @Column(name = "token_epoch", nullable = false)
    public int tokenEpoch;

    @Column(name = "token_epoch_at")
    public OffsetDateTime tokenEpochAt;

    @Column(name = "totp_secret")
    public String totpSecret;

    @Column(name = "totp_enabled", nullable = false)
    public boolean totpEnabled;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    /** A new, active account (activated now; a contact waiting to activate clears {@link #activatedAt}). */
    public static Account create(String phone, String displayName, Set<Role> roles, OffsetDateTime now) {
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.phone = phone;
        a.displayName = displayName.trim();
        a.roles = EnumSet.copyOf(roles);
        a.createdAt = now;
        a.activatedAt = now;
        return a;
    }
}
