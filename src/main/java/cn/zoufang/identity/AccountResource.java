package cn.zoufang.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.AccountDtos.AccountView;
import cn.zoufang.identity.AccountDtos.NewAccount;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import io.smallrye.mutiny.Uni;

/** Accounts are created by the admin; the office reads them to staff groups. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService service;
    private final CurrentCaller caller;

    public AccountResource(AccountService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Page<AccountView>> list(@QueryParam("role") String role, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return service.list(caller.get(), Params.enumOrNull(Role.class, "role", role), cursor, Cursor.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ADMIN)
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewAccount input) {
        return service.create(caller.get(), input)
                .map(a -> Response.status(Response.Status.CREATED).entity(a).build());
    }
}
