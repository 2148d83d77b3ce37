package cn.zoufang.visit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
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
import cn.zoufang.web.Idempotent;
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
    private final VisitRatings ratings;
    private final VisitCodes codes;
    private final CurrentCaller caller;

    private final Clock clock;

    public VisitResource(VisitService visits, VisitRatings ratings, VisitCodes codes, CurrentCaller caller, Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.ratings = ratings;
        this.visits = visits;
        this.caller = caller;
    }

    @POST
    @Path("/visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewVisit in, UriInfo uri) {
        return visits.create(caller.get(), in)
                .map(created -> withEtag(Response.status(created.isNew() ? 201 : 200)
                        .location(uri.getAbsolutePathBuilder().path(in.id().toString()).build()), created.view()));
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
    public Uni<Page<VisitView>> list(@QueryParam("mine") Boolean mine, @QueryParam("groupId") String groupId,
            @QueryParam("enterpriseId") String enterpriseId, @QueryParam("status") String status,
            @QueryParam("month") String month, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        LocalDate fromDate = Params.dateOrNull("from", from);
        LocalDate toDate = Params.dateOrNull("to", to);
        if (month != null && !month.isBlank()) {
            YearMonth m = Params.monthOrCurrent("month", month, clock);
            fromDate = m.atDay(1);
            toDate = m.atEndOfMonth();
        }
        var filter = new VisitService.Filter(Boolean.TRUE.equals(mine), Params.uuidOrNull("groupId", groupId),
                Params.uuidOrNull("enterpriseId", enterpriseId), Params.enumOrNull(VisitStatus.class, "status", status),
                fromDate, toDate);
        return visits.list(caller.get(), filter, cursor, Cursor.limit(limit));
    }

    @POST
    @Path("/visits/{id}/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> checkIn(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CheckIn in) {
        Caller who = caller.get();
        return visits.checkIn(who, id, ifMatch, in).map(v -> withEtag(Response.ok(), v));
    }

    /** The enterprise rates a completed visit to it, once. */
    @POST
    @Path("/visits/{id}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_ENTERPRISE_CONTACT)
    @Idempotent
    public Uni<Response> rate(@PathParam("id") UUID id, @Valid @NotNull VisitDtos.NewVisitRating in) {
        return ratings.rate(caller.get(), id, in).map(r -> Response.status(201).entity(r).build());
    }

    /** Each rating is for the office (and the enterprise that gave it); the group sees only the month's mean. */
    @GET
    @Path("/visits/{id}/rating")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_CONTACT })
    public Uni<VisitDtos.VisitRatingView> rating(@PathParam("id") UUID id) {
        return ratings.get(caller.get(), id);
    }

    /** The office reads every rating of a month, newest first ({@code month} defaults to this one). */
    @GET
    @Path("/visit-ratings")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Page<VisitDtos.RatedVisit>> ratings(@QueryParam("month") String month, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return ratings.list(Params.monthOrCurrent("month", month, clock), cursor, Cursor.limit(limit));
    }

    /** The enterprise contact's app: its visit codes for the next ten minutes, shown one after another. */
    @GET
    @Path("/visit-codes")
    @RolesAllowed(Role.N_ENTERPRISE_CONTACT)
    public Uni<VisitCodes.Codes> visitCodes() {
        return codes.issueFor(caller.get());
    }

    /** The official's phone: the key to check an enterprise's visit code offline. */
    @GET
    @Path("/visit-codes/verification-key")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public VisitCodes.VerificationKey visitCodeKey() {
        return codes.verificationKey();
    }

    /** The enterprise's visit code, scanned during the visit (see mobile-contract/visits.md). */
    @POST
    @Path("/visits/{id}/enterprise-confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> confirmByEnterprise(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull VisitDtos.EnterpriseConfirmation in) {
        Caller who = caller.get();
        return visits.confirmByEnterprise(who, id, ifMatch, in).map(v -> withEtag(Response.ok(), v));
    }

    @POST
    @Path("/visits/{id}/check-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> checkOut(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CheckOut in) {
        Caller who = caller.get();
        return visits.checkOut(who, id, ifMatch).map(v -> withEtag(Response.ok(), v));
    }

    @POST
    @Path("/visits/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> complete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Completion in) {
        Caller who = caller.get();
        return visits.complete(who, id, ifMatch, in).map(v -> withEtag(Response.ok(), v));
    }

    @POST
    @Path("/visits/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    public Uni<Response> cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Cancellation in) {
        Caller who = caller.get();
        return visits.cancel(who, id, ifMatch, in.reason()).map(v -> withEtag(Response.ok(), v));
    }

    /** Assigned enterprises not yet visited as often as the zone asks this month (default: the current month). */
    @GET
    @Path("/groups/{id}/visit-gaps")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public Uni<VisitGaps> gaps(@PathParam("id") UUID groupId, @QueryParam("month") String month) {
        return visits.gaps(caller.get(), groupId, Params.monthOrCurrent("month", month, clock));
    }

    private static Response withEtag(Response.ResponseBuilder builder, VisitView v) {
        return builder.header(HttpHeaders.ETAG, Preconditions.etag(v.version())).entity(v).build();
    }
}
