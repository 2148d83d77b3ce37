package cn.zoufang.directory;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.UriInfo;

import cn.zoufang.directory.GroupDtos.AssignmentEnd;
import cn.zoufang.directory.GroupDtos.GroupView;
import cn.zoufang.directory.GroupDtos.NewAssignment;
import cn.zoufang.directory.GroupDtos.NewGroup;
import cn.zoufang.directory.GroupDtos.NewMember;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {

    private final GroupService groups;
    private final CurrentCaller caller;

    public GroupResource(GroupService groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @GET
    @Path("/groups")
    @Authenticated
    public Uni<Page<GroupView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return groups.list(caller.get(), cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/groups/{id}")
    @Authenticated
    public Uni<Response> get(@PathParam("id") UUID id) {
        return groups.get(caller.get(), id).map(GroupResource::tagged);
    }

    /** A new leader for the group; the old one's term stays in {@code GET …/leaders}. */
    @PUT
    @Path("/groups/{id}/leader")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> changeLeader(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull GroupDtos.NewLeader input) {
        return groups.changeLeader(caller.get(), id, ifMatch, input.accountId()).map(GroupResource::tagged);
    }

    @GET
    @Path("/groups/{id}/leaders")
    @Authenticated
    public Uni<List<GroupDtos.LeaderTerm>> leaders(@PathParam("id") UUID id) {
        return groups.leaders(caller.get(), id);
    }

    private static Response tagged(GroupView g) {
        return Response.ok(g).header(HttpHeaders.ETAG, Preconditions.etag(g.version())).build();
    }

    @POST
    @Path("/groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewGroup input, UriInfo uri) {
        return groups.create(caller.get(), input).map(g -> Response
                .created(uri.getAbsolutePathBuilder().path(g.id().toString()).build()).entity(g).build());
    }

    @POST
    @Path("/groups/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> addMember(@PathParam("id") UUID id, @Valid @NotNull NewMember input) {
        return groups.addMember(caller.get(), id, input.accountId()).map(g -> Response.ok(g).build());
    }

    @DELETE
    @Path("/groups/{id}/members/{accountId}")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> removeMember(@PathParam("id") UUID id, @PathParam("accountId") UUID accountId) {
        return groups.removeMember(caller.get(), id, accountId).map(g -> Response.ok(g).build());
    }

    @POST
    @Path("/groups/{id}/assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> assign(@PathParam("id") UUID id, @Valid @NotNull NewAssignment input) {
        return groups.assign(caller.get(), id, input).map(a -> Response.status(Response.Status.CREATED).entity(a).build());
    }

    @POST
    @Path("/assignments/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> end(@PathParam("id") UUID id, @Valid @NotNull AssignmentEnd input) {
        return groups.endAssignment(caller.get(), id, input.endDate()).map(a -> Response.ok(a).build());
    }
}
