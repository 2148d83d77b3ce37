package cn.zoufang.project;

import java.time.Clock;
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
import jakarta.ws.rs.core.UriInfo;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.project.ProjectDtos.Cycle;
import cn.zoufang.project.ProjectDtos.Dispatch;
import cn.zoufang.project.ProjectDtos.ProjectInput;
import cn.zoufang.project.ProjectDtos.ProjectView;
import cn.zoufang.project.ProjectDtos.ReportInput;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import cn.zoufang.web.RateLimited;
import cn.zoufang.web.Downloads;
import io.smallrye.mutiny.Uni;

/** 重大重点项目: the office registers them, the responsible department reports monthly, the office dispatches. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final CurrentCaller caller;
    private final Clock clock;

    public ProjectResource(ProjectService projects, CurrentCaller caller, Clock clock) {
        this.projects = projects;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_DEPARTMENT_HANDLER, Role.N_GROUP_LEADER, Role.N_OFFICIAL })
    public Uni<Page<ProjectView>> list(@QueryParam("status") String status, @QueryParam("departmentId") String departmentId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return projects.list(caller.get(), Params.enumOrNull(ProjectStatus.class, "status", status),
                Params.uuidOrNull("departmentId", departmentId), cursor, Cursor.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull ProjectInput input, @jakarta.ws.rs.core.Context UriInfo uri) {
        return projects.create(caller.get(), input).map(v -> Response.created(
                uri.getAbsolutePathBuilder().path(v.id().toString()).build()).entity(v)
                .header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_DEPARTMENT_HANDLER, Role.N_GROUP_LEADER, Role.N_OFFICIAL })
    public Uni<Response> get(@PathParam("id") UUID id) {
        return projects.detail(caller.get(), id).map(d -> Response.ok(d)
                .header(HttpHeaders.ETAG, Preconditions.etag(d.project().version())).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ProjectInput input) {
        return projects.update(caller.get(), id, ifMatch, input)
                .map(v -> Response.ok(v).header(HttpHeaders.ETAG, Preconditions.etag(v.version())).build());
    }

    /** The responsible department's monthly report (一月一报表); its problems become ledger issues. */
    @POST
    @Path("/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.N_DEPARTMENT_HANDLER)
    @Idempotent
    public Uni<Response> submit(@PathParam("id") UUID id, @Valid @NotNull ReportInput input) {
        return projects.submit(caller.get(), id, input).map(v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    /** Where each project's report of a month stands (due, reminded, late, submitted). */
    @GET
    @Path("/report-cycle")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_DEPARTMENT_HANDLER })
    public Uni<Cycle> cycle(@QueryParam("month") String month) {
        return projects.cycle(caller.get(), Params.monthOrCurrent("month", month, clock).minusMonths(month == null || month.isBlank() ? 1 : 0));
    }

    /** The 调度 list (两月一调度) of the two months containing {@code month}. */
    @GET
    @Path("/dispatch")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Dispatch> dispatch(@QueryParam("month") String month) {
        return projects.dispatch(Params.monthOrCurrent("month", month, clock));
    }

    @GET
    @Path("/dispatch.xlsx")
    @Produces({ DispatchWorkbook.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @RateLimited(value = "exports", perMinute = 10, burst = 10)
    public Uni<Response> dispatchWorkbook(@QueryParam("month") String month) {
        return projects.dispatch(Params.monthOrCurrent("month", month, clock))
                .flatMap(d -> projects.workbook(d).map(bytes -> Downloads.attachment(bytes, DispatchWorkbook.MEDIA_TYPE,
                        "dispatch-" + d.from() + ".xlsx", "重点项目调度-" + d.from() + "至" + d.to() + ".xlsx")));
    }
}
