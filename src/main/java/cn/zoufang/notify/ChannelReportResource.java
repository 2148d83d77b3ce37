package cn.zoufang.notify;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.identity.Role;
import cn.zoufang.notify.ChannelReport.Figures;
import cn.zoufang.web.Params;
import io.smallrye.mutiny.Uni;

/** The office's and the admin's view of a month's push channels and SMS. */
@Path("/api/v1/notification-channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_ADMIN, Role.N_OFFICE })
public class ChannelReportResource {

    private final ChannelReport report;
    private final Clock clock;

    public ChannelReportResource(ChannelReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    /** {@code month=2026-12}; this month without it. */
    @GET
    public Uni<Figures> month(@QueryParam("month") String month) {
        return report.month(Params.monthOrCurrent("month", month, clock));
    }
}
