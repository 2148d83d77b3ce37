package cn.zoufang.indicator;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.indicator.IndicatorDtos.YearProgress;
import cn.zoufang.indicator.IndicatorDtos.YearTargets;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import io.smallrye.mutiny.Uni;

/** The zone's targets of a year, against what the enterprises report: the office's. */
@Path("/api/v1/targets/{year}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
public class TargetResource {

    private final TargetService targets;
    private final CurrentCaller caller;

    public TargetResource(TargetService targets, CurrentCaller caller) {
        this.targets = targets;
        this.caller = caller;
    }

    @GET
    public Uni<YearProgress> progress(@PathParam("year") String year) {
        return targets.progress(year(year));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    public Uni<YearProgress> replace(@PathParam("year") String year, @Valid @NotNull YearTargets in) {
        return targets.replace(caller.get(), year(year), in.targets());
    }

    static int year(String raw) {
        if (raw == null || !raw.matches("\\d{4}")) {
            throw ApiException.invalidField("year", FieldCode.FORMAT, "年份应为四位数字，如 2027");
        }
        return Integer.parseInt(raw);
    }
}
