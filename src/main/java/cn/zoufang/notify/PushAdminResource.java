package cn.zoufang.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.Role;
import cn.zoufang.notify.PushAdmin.DeadPush;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import io.smallrye.mutiny.Uni;

/** The admin's view of pushes given up as DEAD, and a way to try one again. */
@Path("/api/v1/admin/push-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.N_ADMIN)
public class PushAdminResource {

    private final PushAdmin pushes;

    public PushAdminResource(PushAdmin pushes) {
        this.pushes = pushes;
    }

    /** Newest first; {@code provider=HMS} for one channel's. */
    @GET
    public Uni<Page<DeadPush>> dead(@QueryParam("provider") String provider, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return pushes.dead(Params.enumOrNull(Device.Provider.class, "provider", provider), cursor, limit);
    }

    @POST
    @Path("/{id}/retry")
    public Uni<Response> retry(@PathParam("id") long id) {
        return pushes.retry(id).map(x -> Response.noContent().build());
    }
}
