package cn.zoufang.bulletin;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.bulletin.BulletinDtos.CaseInput;
import cn.zoufang.bulletin.BulletinDtos.Notice;
import cn.zoufang.bulletin.BulletinDtos.NoticeInput;
import cn.zoufang.bulletin.BulletinDtos.TypicalCase;
import cn.zoufang.document.DocumentDownloads;
import cn.zoufang.document.DocxWriter;
import cn.zoufang.document.PdfWriter;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.report.Period;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.RateLimited;
import io.smallrye.mutiny.Uni;

/**
 * The office's documents: the period's 通报 and the leaders' briefing, in Word and PDF; the 通报's typical
 * cases; numbered 督办单 and 催办通知书 for an issue. 区巡查办 reads them all and changes nothing.
 */
@Path("/api/v1")
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_INSPECTOR })
public class BulletinResource {

    private final BulletinService bulletins;
    private final TypicalCases cases;
    private final Notices notices;
    private final DocumentDownloads documents;
    private final CurrentCaller caller;

    public BulletinResource(BulletinService bulletins, TypicalCases cases, Notices notices, DocumentDownloads documents,
            CurrentCaller caller) {
        this.bulletins = bulletins;
        this.cases = cases;
        this.notices = notices;
        this.documents = documents;
        this.caller = caller;
    }

    /** The period's 通报 ({@code bulletins}) or the leaders' briefing ({@code briefings}), in Word or PDF. */
    @GET
    @Path("/{kind:bulletins|briefings}/{period}.{format:docx|pdf}")
    @Produces({ DocxWriter.MEDIA_TYPE, PdfWriter.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RateLimited(value = "documents", perMinute = 20, burst = 10)
    public Uni<Response> document(@PathParam("kind") String kind, @PathParam("period") String period,
            @PathParam("format") String format) {
        Period p = Period.parse("period", period);
        boolean bulletin = "bulletins".equals(kind);
        return bulletins.facts(p).flatMap(f -> documents.file(bulletin ? BulletinService.bulletin(f) : BulletinService.briefing(f),
                format, (bulletin ? "bulletin-" : "briefing-") + p, p.label() + (bulletin ? "工作通报" : "工作情况汇报")));
    }

    @GET
    @Path("/bulletins/{period}/cases")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<TypicalCase>> cases(@PathParam("period") String period) {
        return cases.list(Period.parse("period", period));
    }

    @PUT
    @Path("/bulletins/{period}/cases/{issueId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<TypicalCase> markCase(@PathParam("period") String period, @PathParam("issueId") UUID issueId,
            @Valid @NotNull CaseInput input) {
        return cases.mark(caller.get(), Period.parse("period", period), issueId, input);
    }

    @DELETE
    @Path("/bulletins/{period}/cases/{issueId}")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Response> unmarkCase(@PathParam("period") String period, @PathParam("issueId") UUID issueId) {
        return cases.unmark(caller.get(), Period.parse("period", period), issueId).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/issues/{id}/notices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> issueNotice(@PathParam("id") UUID issueId, @Valid @NotNull NoticeInput input) {
        return notices.issue(caller.get(), issueId, input).map(n -> Response.status(201).entity(n).build());
    }

    @GET
    @Path("/notices/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Notice> notice(@PathParam("id") UUID id) {
        return notices.find(id);
    }

    @GET
    @Path("/notices/{id}.{format:docx|pdf}")
    @Produces({ DocxWriter.MEDIA_TYPE, PdfWriter.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Response> noticeDocument(@PathParam("id") UUID id, @PathParam("format") String format) {
        return notices.document(caller.get(), id).flatMap(d -> documents.file(d, format, "notice-" + id, d.title() + d.number()));
    }
}
