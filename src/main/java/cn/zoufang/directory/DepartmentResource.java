package cn.zoufang.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 责任单位: every signed-in role may read the list (to forward, to know who answers); office and admin keep it. */
@Path("/api/v1/departments")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource {

    public record NewDepartment(
            @NotBlank(message = "请填写单位名称") @Size(max = 100, message = "单位名称不能超过 100 字") String name,
            @Size(max = 40, message = "简称不能超过 40 字") String shortName) {
    }

    public record DepartmentView(UUID id, String name, String shortName) {
        static DepartmentView of(Department d) {
            return new DepartmentView(d.id, d.name, d.shortName);
        }
    }

    private final Service service;
    private final CurrentCaller caller;

    public DepartmentResource(Service service, CurrentCaller caller) {
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
    public Uni<Response> create(@Valid @NotNull NewDepartment input) {
        return service.create(caller.get(), input).map(d -> Response.status(Response.Status.CREATED).entity(d).build());
    }

    @ApplicationScoped
    @WithSession
    public static class Service {

        private final AuditLog audit;

        public Service(AuditLog audit) {
            this.audit = audit;
        }

        public Uni<Page<DepartmentView>> list(String rawCursor, int limit) {
            Cursor cursor = Cursor.decode(rawCursor, 2);
            if (cursor == null) {
                return Department.<Department>find("order by name, id").range(0, limit).list()
                        .map(rows -> page(rows, limit));
            }
            return Department.<Department>find("(name > ?1 or (name = ?1 and id > ?2)) order by name, id",
                    cursor.key(0), EnterpriseService.parseId(cursor.key(1))).range(0, limit).list()
                    .map(rows -> page(rows, limit));
        }

        @WithTransaction
        public Uni<DepartmentView> create(Caller caller, NewDepartment input) {
            Department d = new Department();
            d.id = UUID.randomUUID();
            d.name = input.name().trim();
            d.shortName = input.shortName() == null ? null : input.shortName().trim();
            d.createdAt = OffsetDateTime.now();
            ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的责任单位");
            return Department.count("name", d.name)
                    .invoke(n -> {
                        if (n > 0) {
                            throw duplicate;
                        }
                    })
                    .chain(() -> d.persistAndFlush())
                    .onFailure().transform(f -> Conflicts.translate(f, "department_name_key", duplicate))
                    .chain(() -> audit.record(Entry.by(caller, "DEPARTMENT_CREATE", "DEPARTMENT", d.id)))
                    .map(v -> DepartmentView.of(d));
        }

        private static Page<DepartmentView> page(java.util.List<Department> rows, int limit) {
            return Page.of(rows, limit, DepartmentView::of, d -> Cursor.of(d.name, d.id.toString()));
        }
    }
}
