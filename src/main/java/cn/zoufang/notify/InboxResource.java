package cn.zoufang.notify;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The in-app inbox, which the app reads on start and on sync, and the devices that receive pushes. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class InboxResource {

    /** {@code delivered}: a push service reported that the push reached one of the person's phones. */
    public record InboxItem(UUID id, NotificationType type, String title, String body, String objectType,
            UUID objectId, boolean urgent, OffsetDateTime createdAt, boolean read, boolean delivered) {
        public static InboxItem of(Notification n) {
            return new InboxItem(n.id, n.type, n.type.title(), n.type.body(), n.objectType, n.objectId, n.urgent,
                    n.createdAt, n.readAt != null, n.deliveredAt != null);
        }
    }

    public record Unread(long unread) {
    }

    public record Marked(int marked) {
    }

    /** Whether non-urgent pushes come one by one (false) or as one daily digest (true); the inbox is the same. */
    public record Settings(@NotNull(message = "请选择推送方式") Boolean dailyDigest) {
    }

    public record DeviceInput(
            @NotBlank(message = "缺少推送令牌") @Size(max = 4096) String token,
            @NotNull(message = "请说明平台") Device.Platform platform,
            Device.Provider provider,
            @Size(max = 40) String appVersion,
            @Size(max = 20) String locale) {
    }

    public record DeviceView(UUID id, Device.Platform platform, Device.Provider provider, String appVersion,
            String locale, boolean active, OffsetDateTime lastSeenAt) {
    }

    private final InboxService inbox;
    private final CurrentCaller caller;

    public InboxResource(InboxService inbox, CurrentCaller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Path("/inbox")
    public Uni<Page<InboxItem>> inbox(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return inbox.inbox(caller.get().id(), cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/inbox/unread-count")
    public Uni<Unread> unread() {
        return inbox.unread(caller.get().id());
    }

    @POST
    @Path("/inbox/{id}/read")
    public Uni<Response> markRead(@PathParam("id") UUID id) {
        return inbox.markRead(caller.get().id(), id).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/inbox/read-all")
    public Uni<Marked> markAllRead() {
        return inbox.markAllRead(caller.get().id());
    }

    @GET
    @Path("/notification-settings")
    public Uni<Settings> settings() {
        return inbox.settings(caller.get().id());
    }

    /** Replaces the caller's own settings: a full replacement, so sending it twice is harmless. */
    @PUT
    @Path("/notification-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Settings> saveSettings(@Valid @NotNull Settings in) {
        return inbox.saveSettings(caller.get().id(), in);
    }

    @PUT
    @Path("/devices/{installationId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DeviceView> register(@PathParam("installationId") UUID installationId, @Valid @NotNull DeviceInput in) {
        return inbox.register(caller.get().id(), installationId, in);
    }

    @DELETE
    @Path("/devices/{installationId}")
    public Uni<Response> unregister(@PathParam("installationId") UUID installationId) {
        return inbox.unregister(caller.get().id(), installationId).map(v -> Response.noContent().build());
    }
}
