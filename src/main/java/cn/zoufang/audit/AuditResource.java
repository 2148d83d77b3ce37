package cn.zoufang.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.identity.Role;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The audit trail, newest first, for the admin. Read-only: there is no endpoint that changes it. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, OffsetDateTime occurredAt, UUID actorId, String actorPhone, String actorRoles,
            String action, String targetType, String targetId, String result, String detail) {
        static AuditView of(AuditEvent e) {
            return new AuditView(e.id, e.occurredAt, e.actorId, e.actorPhone, e.actorRoles, e.action, e.targetType,
                    e.targetId, e.result, e.detail);
        }
    }

    @GET
    @RolesAllowed(Role.N_ADMIN)
    @WithSession
    public Uni<Page<AuditView>> list(@QueryParam("action") String action, @QueryParam("targetId") String targetId,
            @QueryParam("cursor") String rawCursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        Cursor cursor = Cursor.decode(rawCursor, 1);
        long before = cursor == null ? Long.MAX_VALUE : cursor.number(0);
        StringBuilder hql = new StringBuilder("id < :before");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("before", before));
        if (action != null && !action.isBlank()) {
            hql.append(" and action = :action");
            params.put("action", action);
        }
        if (targetId != null && !targetId.isBlank()) {
            hql.append(" and targetId = :targetId");
            params.put("targetId", targetId);
        }
        return AuditEvent.<AuditEvent>find(hql + " order by id desc", params).range(0, size).list()
                .map(rows -> Page.of(rows, size, AuditView::of, e -> Cursor.of(String.valueOf(e.id))));
    }
}
