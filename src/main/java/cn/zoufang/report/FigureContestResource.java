package cn.zoufang.report;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.report.FigureContests.ContestInput;
import cn.zoufang.report.FigureContests.ContestView;
import cn.zoufang.report.FigureContests.DecisionInput;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import io.smallrye.mutiny.Uni;

/** Contests of a group's or department's figures, and the office's decisions. */
@Path("/api/v1/figure-contests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_INSPECTOR, Role.N_GROUP_LEADER, Role.N_OFFICIAL, Role.N_DEPARTMENT_HANDLER })
public class FigureContestResource {

    private final FigureContests contests;
    private final CurrentCaller caller;

    public FigureContestResource(FigureContests contests, CurrentCaller caller) {
        this.contests = contests;
        this.caller = caller;
    }

    @GET
    public Uni<List<ContestView>> list(@QueryParam("period") String period, @QueryParam("status") String status) {
        return contests.list(caller.get(), period, Params.enumOrNull(FigureContest.Status.class, "status", status));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_GROUP_LEADER, Role.N_OFFICIAL, Role.N_DEPARTMENT_HANDLER })
    @Idempotent
    public Uni<Response> raise(@Valid @NotNull ContestInput input) {
        return contests.raise(caller.get(), input).map(v -> Response.status(201).entity(v)
                .header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return contests.get(caller.get(), id).map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> decide(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull DecisionInput input) {
        return contests.decide(caller.get(), id, ifMatch, input)
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }
}
