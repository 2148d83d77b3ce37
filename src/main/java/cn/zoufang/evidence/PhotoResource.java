package cn.zoufang.evidence;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.evidence.PhotoDtos.Confirmation;
import cn.zoufang.evidence.PhotoDtos.NewUpload;
import cn.zoufang.evidence.PhotoDtos.PhotoView;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.RateLimited;
import cn.zoufang.web.Downloads;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Photo evidence of visits and issues: upload slot → the bytes to the object store → confirm → view. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PhotoResource {

    private final PhotoService photos;
    private final EvidencePackage evidence;
    private final CurrentCaller caller;

    public PhotoResource(PhotoService photos, EvidencePackage evidence, CurrentCaller caller) {
        this.photos = photos;
        this.evidence = evidence;
        this.caller = caller;
    }

    @POST
    @Path("/visits/{id}/photos")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER })
    @Idempotent
    @RateLimited(value = "upload-slots", perMinute = 60, burst = 120)
    public Uni<Response> requestUpload(@PathParam("id") UUID visitId, @Valid @NotNull NewUpload in) {
        return photos.requestUpload(caller.get(), Photo.OwnerType.VISIT, visitId, in)
                .map(slot -> Response.status(Response.Status.CREATED).entity(slot).build());
    }

    /** A visit's accepted photos and their list, each hash checked again, as a ZIP for the office. */
    @GET
    @Path("/visits/{id}/evidence")
    @Produces("application/zip")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @RateLimited(value = "exports", perMinute = 10, burst = 10)
    public Uni<Response> evidence(@PathParam("id") UUID visitId) {
        return evidence.forVisit(caller.get(), visitId).map(zip -> Downloads.attachment(zip, "application/zip",
                "evidence-" + visitId + ".zip", "走访证据包-" + visitId + ".zip"));
    }

    @POST
    @Path("/issues/{id}/photos")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    @RateLimited(value = "upload-slots", perMinute = 60, burst = 120)
    public Uni<Response> requestIssueUpload(@PathParam("id") UUID issueId, @Valid @NotNull NewUpload in) {
        return photos.requestUpload(caller.get(), Photo.OwnerType.ISSUE, issueId, in)
                .map(slot -> Response.status(Response.Status.CREATED).entity(slot).build());
    }

    @GET
    @Path("/issues/{id}/photos")
    @Authenticated
    public Uni<List<PhotoView>> listForIssue(@PathParam("id") UUID issueId) {
        return photos.list(caller.get(), Photo.OwnerType.ISSUE, issueId);
    }

    @GET
    @Path("/visits/{id}/photos")
    @Authenticated
    public Uni<List<PhotoView>> list(@PathParam("id") UUID visitId) {
        return photos.list(caller.get(), Photo.OwnerType.VISIT, visitId);
    }

    @GET
    @Path("/photos/{id}")
    @Authenticated
    public Uni<PhotoView> get(@PathParam("id") UUID photoId) {
        return photos.get(caller.get(), photoId);
    }

    /**
     * The back office's way to the upload key (a browser reaches no other origin); a phone POSTs to the
     * store itself. Then {@code …/confirm} as for a phone.
     */
    @PUT
    @Path("/photos/{id}/content")
    @Consumes({ PhotoInspector.JPEG, PhotoInspector.PNG, PhotoInspector.HEIC })
    @Authenticated
    @RateLimited(value = "upload-slots", perMinute = 60, burst = 120)
    public Uni<Response> upload(@PathParam("id") UUID photoId, @HeaderParam("Content-Type") MediaType contentType,
            byte[] bytes) {
        return photos.upload(caller.get(), photoId, contentType.getType() + "/" + contentType.getSubtype(),
                bytes == null ? new byte[0] : bytes).map(x -> Response.noContent().build());
    }

    /**
     * An accepted photo's bytes, or its thumbnail's, for the back office (which shows them from its own
     * origin). They never change under an id, so the browser may keep them a day.
     */
    @GET
    @Path("/photos/{id}/content")
    @Produces({ PhotoInspector.JPEG, PhotoInspector.PNG, PhotoInspector.HEIC, MediaType.APPLICATION_JSON })
    @Authenticated
    public Uni<Response> content(@PathParam("id") UUID photoId, @QueryParam("variant") String variant) {
        boolean thumbnail = "thumbnail".equals(variant);
        if (variant != null && !thumbnail && !"full".equals(variant)) {
            throw ApiException.invalidField("variant", FieldCode.INVALID, "应为 full 或 thumbnail");
        }
        return photos.content(caller.get(), photoId, thumbnail).map(c -> Response.ok(c.bytes(), c.contentType())
                .header("Cache-Control", "private, max-age=86400, immutable")
                .header("Content-Disposition", "inline; filename=\"" + c.fileName() + "\"")
                .build());
    }

    /** The phone has uploaded the bytes; the server checks them and answers ACCEPTED or REJECTED. */
    @POST
    @Path("/photos/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> confirm(@PathParam("id") UUID photoId, @Valid @NotNull Confirmation in) {
        return photos.confirm(caller.get(), photoId, in.sha256()).map(p -> Response.ok(p).build());
    }
}
