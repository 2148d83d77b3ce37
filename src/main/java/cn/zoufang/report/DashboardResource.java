package cn.zoufang.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.identity.Role;
import cn.zoufang.report.DashboardDtos.Dashboard;
import cn.zoufang.report.DashboardDtos.DrillDown;
import cn.zoufang.report.DashboardDtos.PeriodDashboard;
import cn.zoufang.report.DashboardDtos.Supervision;
import cn.zoufang.report.DashboardDtos.Trend;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Params;
import cn.zoufang.web.RateLimited;
import cn.zoufang.web.Downloads;
import io.smallrye.mutiny.Uni;

/** The leading group office's dashboard: the month side by side, trends, overdue issues, the workbook. */
@Path("/api/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_INSPECTOR })
public class DashboardResource {

    private final DashboardService dashboard;

    private final DrillDowns drills;

    private final CommonProblems commonProblems;

    private final Clock clock;

    private final CurrentCaller caller;

    public DashboardResource(DashboardService dashboard, DrillDowns drills, CommonProblems commonProblems,
            CurrentCaller caller, Clock clock) {
        this.drills = drills;
        this.commonProblems = commonProblems;
        this.caller = caller;
        this.clock = clock;
        this.dashboard = dashboard;
    }

    @GET
    public Uni<Dashboard> month(@QueryParam("month") String month) {
        return dashboard.month(Params.monthOrCurrent("month", month, clock));
    }

    /** A month (2026-06), quarter (2026-Q2), half-year (2026-H1) or year (2026) beside the one before. */
    @GET
    @Path("/periods/{period}")
    public Uni<PeriodDashboard> period(@PathParam("period") String period) {
        return dashboard.period(Period.parse("period", period));
    }

    /**
     * 共性问题: the same category raised in the same chain (or town) by {@code min} or more enterprises between
     * {@code from} and {@code to} (the last 90 days by default).
     */
    @GET
    @Path("/common-problems")
    public Uni<CommonProblems.Result> commonProblems(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") String by, @QueryParam("min") Integer min) {
        LocalDate end = to == null || to.isBlank() ? Dates.today(clock) : Params.dateOrNull("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(89) : Params.dateOrNull("from", from);
        if (start.isAfter(end) || start.plusDays(366).isBefore(end)) {
            throw ApiException.invalidField("from", FieldCode.RANGE, "起止日期应在一年之内，且起始不晚于截止");
        }
        CommonProblems.By dimension = Params.enumOrNull(CommonProblems.By.class, "by", by);
        int n = min == null ? 3 : min;
        if (n < 2 || n > 50) {
            throw ApiException.invalidField("min", FieldCode.RANGE, "企业数应在 2 到 50 之间");
        }
        return commonProblems.find(start, end, dimension == null ? CommonProblems.By.CHAIN : dimension, n);
    }

    /** The rows behind one figure of a period: {@code dimension} GROUP, DEPARTMENT, CHAIN, TOWN, ZONE or OFFICIAL and its key. */
    @GET
    @Path("/periods/{period}/rows")
    public Uni<DrillDown> rows(@PathParam("period") String period, @QueryParam("metric") String metric,
            @QueryParam("dimension") String dimension, @QueryParam("key") String key, @QueryParam("limit") Integer limit) {
        Period p = Period.parse("period", period);
        if (metric == null || metric.isBlank()) {
            throw ApiException.invalidField("metric", FieldCode.REQUIRED, "请指定指标");
        }
        Dimension d = Params.enumOrNull(Dimension.class, "dimension", dimension);
        if (d == null) {
            throw ApiException.invalidField("dimension", FieldCode.REQUIRED, "请指定统计维度");
        }
        if (d != Dimension.ZONE && (key == null || key.isBlank())) {
            throw ApiException.invalidField("key", FieldCode.REQUIRED, "请指定小组、责任单位、产业链、镇处或走访干部");
        }
        if ((d == Dimension.GROUP || d == Dimension.DEPARTMENT || d == Dimension.OFFICIAL) && key != null) {
            Params.uuidOrNull("key", key);
        }
        int n = limit == null ? 500 : limit;
        if (n < 1 || n > 5000) {
            throw ApiException.invalidField("limit", FieldCode.INVALID, "条数应在 1 到 5000 之间");
        }
        return drills.drill(p, metric.trim(), d, d == Dimension.ZONE ? null : key.trim(), n);
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
    public Uni<Response> workbook(@QueryParam("month") String month, @QueryParam("period") String period) {
        if (month != null && period != null) {
            throw ApiException.invalidField("period", FieldCode.INVALID, "month 和 period 只能给出一个");
        }
        Period p = period != null ? Period.parse("period", period)
                : Period.of(Params.monthOrCurrent("month", month, clock));
        return dashboard.workbook(caller.get(), p).map(bytes -> Downloads.attachment(bytes, ReportWorkbook.MEDIA_TYPE,
                "zoufang-" + p + ".xlsx", "工作情况-" + p + ".xlsx"));
    }
}
