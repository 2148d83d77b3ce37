package cn.zoufang.identity;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Ref(UUID id, String name) {
    }

    public record MyGroup(UUID id, String name, boolean leader) {
    }

    public record MeView(UUID id, String phone, String displayName, List<Role> roles, List<String> roleLabels,
            List<MyGroup> groups, Ref department, Ref enterprise, boolean totpEnabled) {
    }

    private final CurrentCaller caller;
    private final SessionService sessions;
    private final SecondFactorService secondFactor;

    public MeResource(CurrentCaller caller, SessionService sessions, SecondFactorService secondFactor) {
        this.caller = caller;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
    }

    /** My logins on every device, the one making this request marked {@code current}. */
    @GET
    @Path("/sessions")
    @Authenticated
    @WithSession
    public Uni<List<SessionService.SessionView>> sessions() {
        Caller me = caller.get();
        return sessions.list(me.id(), me.sessionId());
    }

    /** Ends one of my logins (e.g. a lost phone's): its refresh token at once, its access token within a minute. */
    @DELETE
    @Path("/sessions/{id}")
    @Authenticated
    public Uni<Response> endSession(@PathParam("id") UUID id) {
        Caller me = caller.get();
        return sessions.end(me, me.id(), id).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/totp")
    @RolesAllowed({ Role.N_ADMIN, Role.N_OFFICE, Role.N_ENTERPRISE_DESK })
    public Uni<SecondFactorService.Enrollment> startTotp() {
        return secondFactor.start(caller.get());
    }

    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_ADMIN, Role.N_OFFICE, Role.N_ENTERPRISE_DESK })
    public Uni<Response> confirmTotp(@Valid @NotNull SecondFactorService.CodeInput input) {
        return secondFactor.confirm(caller.get(), input.code()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/totp/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_ADMIN, Role.N_OFFICE, Role.N_ENTERPRISE_DESK })
    public Uni<Response> disableTotp(@Valid @NotNull SecondFactorService.CodeInput input) {
        return secondFactor.disable(caller.get(), input.code()).map(v -> Response.noContent().build());
    }

    /** Who I am now: read from the database, so a change of groups shows before the token expires. */
    @GET
    @Authenticated
    @WithSession
    public Uni<MeView> me() {
        UUID id = caller.get().id();
        return Account.<Account>findById(id)
                .onItem().ifNull().failWith(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "账号不存在，请重新登录"))
                .flatMap(a -> AssistanceGroup.<AssistanceGroup>list(
                        "id in (select m.groupId from GroupMember m where m.accountId = ?1) order by name", a.id)
                        .flatMap(groups -> (a.departmentId == null ? Uni.createFrom().<Department>nullItem()
                                : Department.<Department>findById(a.departmentId))
                                .flatMap(d -> (a.enterpriseId == null ? Uni.createFrom().<Enterprise>nullItem()
                                        : Enterprise.<Enterprise>findById(a.enterpriseId))
                                        .map(e -> {
                                            List<Role> roles = a.roles.stream().sorted().toList();
                                            return new MeView(a.id, a.phone, a.displayName, roles,
                                                    roles.stream().map(Role::label).toList(),
                                                    groups.stream().map(g -> new MyGroup(g.id, g.name,
                                                            g.leaderId.equals(a.id))).toList(),
                                                    d == null ? null : new Ref(d.id, d.name),
                                                    e == null ? null : new Ref(e.id, e.name), a.totpEnabled);
                                        }))));
    }
}
