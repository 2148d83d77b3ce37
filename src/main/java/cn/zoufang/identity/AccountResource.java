package cn.zoufang.identity;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.AccountDtos.AccountChange;
import cn.zoufang.identity.AccountDtos.AccountView;
import cn.zoufang.identity.AccountDtos.NewAccount;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import io.smallrye.mutiny.Uni;

/** Accounts are created and kept by the admin; the office reads them to staff groups. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService service;
    private final SessionService sessions;
    private final SecondFactorService secondFactor;
    private final CurrentCaller caller;

    public AccountResource(AccountService service, SessionService sessions, SecondFactorService secondFactor,
            CurrentCaller caller) {
        this.service = service;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Page<AccountView>> list(@QueryParam("role") String role, @QueryParam("active") String active,
            @QueryParam("departmentId") String departmentId, @QueryParam("enterpriseId") String enterpriseId,
            @QueryParam("q") String q, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        AccountService.Filter filter = new AccountService.Filter(Params.enumOrNull(Role.class, "role", role),
                Params.booleanOrNull("active", active), Params.uuidOrNull("departmentId", departmentId),
                Params.uuidOrNull("enterpriseId", enterpriseId), q);
        return service.list(caller.get(), filter, cursor, Cursor.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ADMIN)
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewAccount input) {
        return service.create(caller.get(), input).map(a -> tagged(Response.status(Response.Status.CREATED), a));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id).map(a -> tagged(Response.ok(), AccountView.of(a)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ADMIN)
    @Idempotent
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AccountChange input) {
        return service.update(caller.get(), id, ifMatch, input).map(a -> tagged(Response.ok(), AccountView.of(a)));
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ADMIN)
    @Idempotent
    public Uni<Response> disable(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AccountDtos.Disable input) {
        return service.disable(caller.get(), id, ifMatch, input).map(a -> tagged(Response.ok(), a));
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Role.N_ADMIN)
    @Idempotent
    public Uni<Response> enable(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.enable(caller.get(), id, ifMatch).map(a -> tagged(Response.ok(), a));
    }

    /** The planned visits of an official who leaves or moves go to a colleague of the same group. */
    @POST
    @Path("/{id}/handover")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_ADMIN, Role.N_OFFICE })
    @Idempotent
    public Uni<AccountDtos.HandoverResult> handover(@PathParam("id") UUID id, @Valid @NotNull AccountDtos.Handover input) {
        return service.handover(caller.get(), id, input.successorId());
    }

    @POST
    @Path("/{id}/reset-code")
    @RolesAllowed(Role.N_ADMIN)
    public Uni<Response> resetCode(@PathParam("id") UUID id) {
        return service.resetCode(caller.get(), id).map(c -> Response.status(Response.Status.CREATED).entity(c)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @Path("/{id}/sessions")
    @RolesAllowed(Role.N_ADMIN)
    public Uni<List<SessionService.SessionView>> sessions(@PathParam("id") UUID id) {
        return service.get(caller.get(), id).chain(a -> sessions.list(a.id, null));
    }

    @DELETE
    @Path("/{id}/sessions")
    @RolesAllowed(Role.N_ADMIN)
    public Uni<Response> endSessions(@PathParam("id") UUID id) {
        return service.endSessions(caller.get(), id).map(v -> Response.noContent().build());
    }

    /** Turns the account's second factor off, for an owner who lost the authenticator. */
    @DELETE
    @Path("/{id}/totp")
    @RolesAllowed(Role.N_ADMIN)
    public Uni<Response> removeTotp(@PathParam("id") UUID id) {
        return secondFactor.removeFor(caller.get(), id).map(v -> Response.noContent().build());
    }

    private static Response tagged(Response.ResponseBuilder builder, AccountView view) {
        return builder.entity(view).header(HttpHeaders.ETAG, Preconditions.etag(view.version())).build();
    }
}
