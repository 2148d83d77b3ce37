package cn.zoufang.visit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import java.util.function.Function;

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
import jakarta.ws.rs.core.UriInfo;

import cn.zoufang.identity.Caller;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.visit.VisitDtos.Cancellation;
import cn.zoufang.visit.VisitDtos.CheckIn;
import cn.zoufang.visit.VisitDtos.CheckOut;
import cn.zoufang.visit.VisitDtos.Completion;
import cn.zoufang.visit.VisitDtos.NewVisit;
import cn.zoufang.visit.VisitDtos.VisitGaps;
import cn.zoufang.visit.VisitDtos.VisitView;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotency;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 走访: officials plan, check in, check out, complete or cancel visits; every write may be retried safely. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {

    private final VisitService visits;
    private final Idempotency idempotency;
    private final CurrentCaller caller;

    public VisitResource(VisitService visits, Idempotency idempotency, CurrentCaller caller) {
        this.visits = visits;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Path("/visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    public Uni<Response> create(@Valid @NotNull NewVisit in, @HeaderParam(Idempotency.HEADER) String key,
            UriInfo uri) {
        Caller who = caller.get();
        return idempotency.run(who.id(), key, "POST", "/api/v1/visits", in, () -> visits.create(who, in)
                .map(created -> withEtag(Response.status(created.isNew() ? 201 : 200)
                        .location(uri.getAbsolutePathBuilder().path(in.id().toString()).build()), created.view())));
    }

    @GET
    @Path("/visits/{id}")
    @Authenticated
    public Uni<Response> get(@PathParam("id") UUID id) {
        return visits.get(caller.get(), id).map(v -> withEtag(Response.ok(), v));
    }

    /** Filters combine: {@code mine=true&status=PLANNED}, {@code groupId=…&month=2026-11}, {@code enterpriseId=…}. */
    @GET
    @Path("/visits")
    @Authenticated
    public Uni<Page<VisitView>> list(@QueryParam("mine") boolean mine, @QueryParam("groupId") String groupId,
            @QueryParam("enterpriseId") String enterpriseId, @QueryParam("status") String status,
            @QueryParam("month") String month, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        LocalDate fromDate = Params.dateOrNull("from", from);
        LocalDate toDate = Params.dateOrNull("to", to);
        if (month != null && !month.isBlank()) {
            YearMonth m = Params.monthOrCurrent("month", month);
            fromDate = m.atDay(1);
            toDate = m.atEndOfMonth();
        }
        var filter = new VisitService.Filter(mine, Params.uuidOrNull("groupId", groupId),
                Params.uuidOrNull("enterpriseId", enterpriseId), Params.enumOrNull(VisitStatus.class, "status", status),
                fromDate, toDate);
        return visits.list(caller.get(), filter, cursor, Cursor.limit(limit));
    }

    @POST
    @Path("/visits/{id}/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    public Uni<Response> checkIn(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CheckIn in) {
        return step(id, "check-in", key, in, who -> visits.checkIn(who, id, ifMatch, in));
    }

    @POST
    @Path("/visits/{id}/check-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    public Uni<Response> checkOut(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CheckOut in) {
        return step(id, "check-out", key, in, who -> visits.checkOut(who, id, ifMatch));
    }

    @POST
    @Path("/visits/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    public Uni<Response> complete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull Completion in) {
        return step(id, "complete", key, in, who -> visits.complete(who, id, ifMatch, in));
    }

    @POST
    @Path("/visits/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    public Uni<Response> cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull Cancellation in) {
        return step(id, "cancel", key, in, who -> visits.cancel(who, id, ifMatch, in.reason()));
    }

    /** Assigned enterprises not yet visited as often as the zone asks this month (default: the current month). */
    @GET
    @Path("/groups/{id}/visit-gaps")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public Uni<VisitGaps> gaps(@PathParam("id") UUID groupId, @QueryParam("month") String month) {
        return visits.gaps(caller.get(), groupId, Params.monthOrCurrent("month", month));
    }

    /** One step of a visit's life: retried safely with its Idempotency-Key, answered with the new ETag. */
    private Uni<Response> step(UUID id, String step, String key, Object body, Function<Caller, Uni<VisitView>> action) {
        Caller who = caller.get();
        return idempotency.run(who.id(), key, "POST", "/api/v1/visits/" + id + "/" + step, body,
                () -> action.apply(who).map(v -> withEtag(Response.ok(), v)));
    }

    private static Response withEtag(Response.ResponseBuilder builder, VisitView v) {
        return builder.header(HttpHeaders.ETAG, Preconditions.etag(v.version())).entity(v).build();
    }
}
