package cn.zoufang.report;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.report.DashboardDtos.Dashboard;
import cn.zoufang.report.DashboardDtos.Supervision;
import cn.zoufang.report.DashboardDtos.Trend;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Params;
import cn.zoufang.web.RateLimited;
import io.smallrye.mutiny.Uni;

/** The leading group office's dashboard: the month side by side, trends, overdue issues, the workbook. */
@Path("/api/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
public class DashboardResource {

    private final DashboardService dashboard;

    private final Clock clock;

    private final CurrentCaller caller;

    public DashboardResource(DashboardService dashboard, CurrentCaller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
        this.dashboard = dashboard;
    }

    @GET
    public Uni<Dashboard> month(@QueryParam("month") String month) {
        return dashboard.month(Params.monthOrCurrent("month", month, clock));
    }

    /** {@code months} months up to {@code month} (12 by default, at most 36), for the zone or one group. */
    @GET
    @Path("/trend")
    public Uni<Trend> trend(@QueryParam("month") String month, @QueryParam("months") Integer months,
            @QueryParam("groupId") String groupId) {
        int count = months == null ? 12 : months;
        if (count < 1 || count > 36) {
            throw ApiException.invalidField("months", FieldCode.INVALID, "月数应在 1 到 36 之间");
        }
        UUID group = Params.uuidOrNull("groupId", groupId);
        return dashboard.trend(Params.monthOrCurrent("month", month, clock), count, group);
    }

    @GET
    @Path("/supervision")
    public Uni<Supervision> supervision(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.invalidField("limit", FieldCode.INVALID, "条数应在 1 到 1000 之间");
        }
        return dashboard.supervision(n);
    }

    @GET
    @Path("/workbook.xlsx")
    @Produces({ ReportWorkbook.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RateLimited(value = "exports", perMinute = 10, burst = 10)
    public Uni<Response> workbook(@QueryParam("month") String month) {
        var m = Params.monthOrCurrent("month", month, clock);
        return dashboard.workbook(caller.get(), m).map(bytes -> Response.ok(bytes, ReportWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"zoufang-" + m + ".xlsx\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode("月度情况-" + m + ".xlsx", java.nio.charset.StandardCharsets.UTF_8))
                .build());
    }
}
