package cn.zoufang.sync;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.sync.SyncDtos.HistoryPage;
import cn.zoufang.sync.SyncDtos.SyncPage;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Params;
import cn.zoufang.web.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 同步: what changed in the caller's scope since the app's cursor (a full snapshot without one). */
@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final SyncService sync;
    private final CurrentCaller caller;

    public SyncResource(SyncService sync, CurrentCaller caller) {
        this.sync = sync;
        this.caller = caller;
    }

    /** {@code limit}: at most this many objects of each kind per page (200 by default, 1 to 1000). */
    @GET
    @Authenticated
    @RateLimited(value = "sync-pages", perMinute = 120, burst = 300)
    public Uni<SyncPage> sync(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 200 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.invalidField("limit", FieldCode.RANGE, "每页条数应在 1 到 1000 之间");
        }
        return sync.sync(caller.get(), cursor, n);
    }

    /**
     * An enterprise's history that a snapshot leaves out (before {@code before}, by default the day a snapshot
     * made now starts at), newest first; {@code limit} per kind (20 by default, at most 100).
     */
    @GET
    @Path("/enterprises/{id}/history")
    @Authenticated
    @RateLimited(value = "sync-history", perMinute = 120, burst = 300)
    public Uni<HistoryPage> history(@PathParam("id") UUID enterpriseId, @QueryParam("before") String before,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return sync.history(caller.get(), enterpriseId, Params.dateOrNull("before", before), cursor, Cursor.limit(limit));
    }
}
