package cn.zoufang.directory;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.directory.EnterpriseDtos.TagPlan;
import cn.zoufang.directory.EnterpriseDtos.TagYear;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import io.smallrye.mutiny.Uni;

/** The enterprises' tags against the plan's numbers: the office's. */
@Path("/api/v1/tags")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
public class TagResource {

    private final EnterpriseTags tags;
    private final CurrentCaller caller;
    private final Clock clock;

    public TagResource(EnterpriseTags tags, CurrentCaller caller, Clock clock) {
        this.tags = tags;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    public Uni<TagYear> year(@QueryParam("year") String year) {
        return tags.year(year == null || year.isBlank() ? Dates.today(clock).getYear() : parseYear(year));
    }

    @PUT
    @Path("/plan/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    public Uni<TagYear> plan(@PathParam("year") String year, @Valid @NotNull TagPlan in) {
        return tags.replacePlan(caller.get(), parseYear(year), in.targets());
    }

    private static int parseYear(String raw) {
        if (raw == null || !raw.matches("\\d{4}") || Integer.parseInt(raw) < 2000 || Integer.parseInt(raw) > 2100) {
            throw ApiException.invalidField("year", FieldCode.FORMAT, "年份应为四位数字，如 2027");
        }
        return Integer.parseInt(raw);
    }
}
