package cn.zoufang.indicator;

import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

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

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.indicator.IndicatorDtos.MonthValues;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Params;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * One enterprise's figures, month by month. A class of its own under the enterprise's address: the REST layer
 * picks the class with the longest matching path before its methods.
 */
@Path("/api/v1/enterprises/{id}/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class EnterpriseIndicatorResource {

    private final IndicatorService indicators;
    private final CurrentCaller caller;
    private final Clock clock;

    public EnterpriseIndicatorResource(IndicatorService indicators, CurrentCaller caller, Clock clock) {
        this.indicators = indicators;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Authenticated
    public Uni<EnterpriseIndicators> list(@PathParam("id") UUID enterpriseId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return indicators.list(caller.get(), enterpriseId, month("from", from), month("to", to));
    }

    /** A month's values, entered by hand: at a visit, by the enterprise, or the office's correction. */
    @PUT
    @Path("/{period}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<EnterpriseIndicators> record(@PathParam("id") UUID enterpriseId, @PathParam("period") String period,
            @Valid @NotNull MonthValues in) {
        YearMonth month = month("period", period);
        if (month == null) {
            throw ApiException.invalidField("period", FieldCode.FORMAT, "月份格式应为 2026-11");
        }
        return indicators.record(caller.get(), enterpriseId, month, in);
    }

    private YearMonth month(String name, String raw) {
        return raw == null || raw.isBlank() ? null : Params.monthOrCurrent(name, raw, clock);
    }
}
