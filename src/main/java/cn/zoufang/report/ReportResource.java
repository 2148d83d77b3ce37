package cn.zoufang.report;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.report.MetricDictionary.Dictionary;
import cn.zoufang.report.ReportDtos.Narrative;
import cn.zoufang.report.ReportDtos.ReportSummary;
import cn.zoufang.report.ReportDtos.Review;
import cn.zoufang.report.ReportService.Saved;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 月报: groups write and submit their monthly report, the office reviews it. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportService reports;
    private final MetricDictionary dictionary;
    private final CurrentCaller caller;

    private final Clock clock;

    public ReportResource(ReportService reports, MetricDictionary dictionary, CurrentCaller caller, Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.dictionary = dictionary;
        this.caller = caller;
    }

    /** 指标口径: how every figure is computed, with the dictionary's version. */
    @GET
    @Path("/metric-dictionary")
    @Authenticated
    public Dictionary dictionary() {
        return dictionary.get();
    }

    @GET
    @Path("/reports")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public Uni<List<ReportSummary>> list(@QueryParam("month") String month) {
        return reports.list(caller.get(), Params.monthOrCurrent("month", month, clock));
    }

    @GET
    @Path("/groups/{groupId}/reports/{month}")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Response> current(@PathParam("groupId") UUID groupId, @PathParam("month") String month) {
        return reports.current(caller.get(), groupId, month(month)).map(s -> respond(Response.ok(), s));
    }

    @GET
    @Path("/groups/{groupId}/reports/{month}/versions/{version}")
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Response> version(@PathParam("groupId") UUID groupId, @PathParam("month") String month,
            @PathParam("version") int version) {
        return reports.version(caller.get(), groupId, month(month), version).map(s -> respond(Response.ok(), s));
    }

    /** Saves the leader's narrative; after a return this starts the next version (201). */
    @PUT
    @Path("/groups/{groupId}/reports/{month}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_GROUP_LEADER)
    @Idempotent
    public Uni<Response> save(@PathParam("groupId") UUID groupId, @PathParam("month") String month,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull Narrative in) {
        return reports.save(caller.get(), groupId, month(month), ifMatch, in)
                .map(s -> respond(Response.status(s.created() ? 201 : 200), s));
    }

    @POST
    @Path("/groups/{groupId}/reports/{month}/submit")
    @RolesAllowed(Role.N_GROUP_LEADER)
    @Idempotent
    public Uni<Response> submit(@PathParam("groupId") UUID groupId, @PathParam("month") String month,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return reports.submit(caller.get(), groupId, month(month), ifMatch).map(s -> respond(Response.ok(), s));
    }

    @POST
    @Path("/groups/{groupId}/reports/{month}/accept")
    @RolesAllowed(Role.N_OFFICE)
    @Idempotent
    public Uni<Response> accept(@PathParam("groupId") UUID groupId, @PathParam("month") String month,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return reports.accept(caller.get(), groupId, month(month), ifMatch).map(s -> respond(Response.ok(), s));
    }

    @POST
    @Path("/groups/{groupId}/reports/{month}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_OFFICE)
    @Idempotent
    public Uni<Response> returnReport(@PathParam("groupId") UUID groupId, @PathParam("month") String month,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull Review in) {
        return reports.returnReport(caller.get(), groupId, month(month), ifMatch, in.comment())
                .map(s -> respond(Response.ok(), s));
    }

    private YearMonth month(String raw) {
        return Params.monthOrCurrent("month", raw, clock);
    }

    /** The ETag is the current version's; a report not started has none. */
    private static Response respond(Response.ResponseBuilder builder, Saved s) {
        if (s.view().id() != null) {
            builder.header(HttpHeaders.ETAG, Preconditions.etag(s.etag()));
        }
        return builder.entity(s.view()).build();
    }
}
