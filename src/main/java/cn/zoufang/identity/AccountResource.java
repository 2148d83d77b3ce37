package cn.zoufang.identity;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Accounts are created by the admin; the office reads them to staff groups. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

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

    private final Service service;
    private final CurrentCaller caller;

    public AccountResource(Service service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Page<AccountView>> list(@QueryParam("role") String role, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return service.list(Params.enumOrNull(Role.class, "role", role), cursor, Cursor.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ADMIN)
    public Uni<Response> create(@Valid @NotNull NewAccount input) {
        return service.create(caller.get(), input)
                .map(a -> Response.status(Response.Status.CREATED).entity(a).build());
    }

    @ApplicationScoped
    @WithSession
    public static class Service {

        private final PasswordHasher hasher;
        private final AuditLog audit;

        public Service(PasswordHasher hasher, AuditLog audit) {
            this.hasher = hasher;
            this.audit = audit;
        }

        public Uni<Page<AccountView>> list(Role role, String rawCursor, int limit) {
            Cursor cursor = Cursor.decode(rawCursor, 1);
            StringBuilder hql = new StringBuilder("from Account a where 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (role != null) {
                hql.append(" and a.rolesText like :role");
                params.put("role", cn.zoufang.web.EnumSetConverter.containsPattern(role));
            }
            if (cursor != null) {
                hql.append(" and a.phone > :after");
                params.put("after", cursor.key(0));
            }
            return Account.<Account>find(hql + " order by a.phone", params).range(0, limit).list()
                    .map(rows -> Page.of(rows, limit, AccountView::of, a -> Cursor.of(a.phone)));
        }

        @WithTransaction
        public Uni<AccountView> create(Caller caller, NewAccount input) {
            if (input.roles().contains(Role.DEPARTMENT_HANDLER) != (input.departmentId() != null)) {
                throw ApiException.invalidField("departmentId", ErrorCode.VALIDATION_FAILED,
                        "责任单位经办人须指定所属单位；其他角色不填");
            }
            if (input.roles().contains(Role.ENTERPRISE_CONTACT) != (input.enterpriseId() != null)) {
                throw ApiException.invalidField("enterpriseId", ErrorCode.VALIDATION_FAILED,
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
            a.createdAt = OffsetDateTime.now();
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
                    throw ApiException.invalidField(field, ErrorCode.VALIDATION_FAILED, "指定的单位或企业不存在");
                }
                return null;
            });
        }
    }
}
