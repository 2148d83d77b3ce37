package cn.zoufang.directory;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.directory.EnterpriseDtos.TierRuleInput;
import cn.zoufang.directory.EnterpriseDtos.TierRuleView;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Preconditions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The 店小二 tiers: everyone signed in reads them (the phone shows a key enterprise's cadence); the office sets them. */
@Path("/api/v1/service-tiers")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTierResource {

    private final ServiceTiers tiers;
    private final CurrentCaller caller;

    public ServiceTierResource(ServiceTiers tiers, CurrentCaller caller) {
        this.tiers = tiers;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Uni<List<TierRuleView>> list() {
        return tiers.list();
    }

    @GET
    @Path("/{code}")
    @Authenticated
    public Uni<Response> get(@PathParam("code") ServiceTier code) {
        return tiers.list().map(all -> all.stream().filter(t -> t.code() == code).findFirst().orElseThrow())
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> update(@PathParam("code") ServiceTier code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TierRuleInput input) {
        return tiers.update(caller.get(), code, ifMatch, input)
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }
}
