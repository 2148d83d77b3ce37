package cn.zoufang.meeting;

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

import cn.zoufang.document.DocumentDownloads;
import cn.zoufang.document.DocxWriter;
import cn.zoufang.document.PdfWriter;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.meeting.MeetingDtos.Escalation;
import cn.zoufang.meeting.MeetingDtos.FollowThrough;
import cn.zoufang.meeting.MeetingDtos.MeetingSummary;
import cn.zoufang.meeting.MeetingDtos.MeetingView;
import cn.zoufang.meeting.MeetingDtos.Minutes;
import cn.zoufang.meeting.MeetingDtos.NewMeeting;
import cn.zoufang.report.Period;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import cn.zoufang.web.RateLimited;
import io.smallrye.mutiny.Uni;

/** Meetings the office brings issues to, their minutes and decisions; 区巡查办 reads them. */
@Path("/api/v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_INSPECTOR })
public class MeetingResource {

    private final MeetingService meetings;
    private final DocumentDownloads documents;
    private final CurrentCaller caller;

    public MeetingResource(MeetingService meetings, DocumentDownloads documents, CurrentCaller caller) {
        this.meetings = meetings;
        this.documents = documents;
        this.caller = caller;
    }

    @GET
    public Uni<List<MeetingSummary>> list(@QueryParam("status") String status) {
        return meetings.list(Params.enumOrNull(Meeting.Status.class, "status", status));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewMeeting input) {
        return meetings.create(caller.get(), input).map(v -> Response.status(201).entity(v)
                .header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return meetings.get(id).map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @POST
    @Path("/{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> escalate(@PathParam("id") UUID id, @Valid @NotNull Escalation input) {
        return meetings.escalate(caller.get(), id, input)
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    /** The office's: each decision is forwarded in the ledger, a step of the office (not of the system's admin). */
    @POST
    @Path("/{id}/minutes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_OFFICE)
    @Idempotent
    public Uni<Response> minutes(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Minutes input) {
        return meetings.minutes(caller.get(), id, ifMatch, input)
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    /** Decisions due in a period and how many were followed through (落实率). */
    @GET
    @Path("/follow-through/{period}")
    public Uni<FollowThrough> followThrough(@PathParam("period") String period) {
        return meetings.followThrough(Period.parse("period", period));
    }

    /** Before the meeting its agenda (议程), once minuted its minutes (纪要), in Word or PDF. */
    @GET
    @Path("/{id}/document.{format:docx|pdf}")
    @Produces({ DocxWriter.MEDIA_TYPE, PdfWriter.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RateLimited(value = "documents", perMinute = 20, burst = 10)
    public Uni<Response> document(@PathParam("id") UUID id, @PathParam("format") String format) {
        return meetings.document(id).flatMap(d -> documents.file(d, format, "meeting-" + id, d.title()));
    }
}
