package cn.zoufang.directory;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.directory.DepartmentDtos.DepartmentView;
import cn.zoufang.directory.DepartmentDtos.NewDepartment;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Preconditions;
import cn.zoufang.web.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 责任单位: every signed-in role may read the list (to forward, to know who answers); office and admin keep it. */
@Path("/api/v1/departments")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource {

    private final DepartmentService service;
    private final CurrentCaller caller;

    public DepartmentResource(DepartmentService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Uni<Page<DepartmentView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, Cursor.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewDepartment input) {
        return service.create(caller.get(), input).map(d -> Response.status(Response.Status.CREATED).entity(d).build());
    }

    /** One department, merged ones too (closed issues still name them), with its former names. */
    @GET
    @Path("/{id}")
    @Authenticated
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(DepartmentResource::tagged);
    }

    /** Renamed (机构更名): the old name stays readable in {@code formerNames}. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> rename(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull NewDepartment input) {
        return service.rename(caller.get(), id, ifMatch, input).map(DepartmentResource::tagged);
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> merge(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull DepartmentDtos.Merge input) {
        return service.merge(caller.get(), id, ifMatch, input.intoId()).map(DepartmentResource::tagged);
    }

    private static Response tagged(DepartmentView v) {
        return Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build();
    }
}
