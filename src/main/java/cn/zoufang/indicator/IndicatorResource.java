package cn.zoufang.indicator;


import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.indicator.IndicatorDictionary.Dictionary;
import cn.zoufang.indicator.IndicatorDtos.Actuals;
import cn.zoufang.indicator.IndicatorDtos.Dimension;
import cn.zoufang.indicator.IndicatorDtos.ImportResult;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Params;
import cn.zoufang.web.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 一企一档's figures of the whole zone: the dictionary, the statistics bureau's sheet imported. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final IndicatorService indicators;
    private final TargetService targets;
    private final IndicatorDictionary dictionary;
    private final CurrentCaller caller;

    public IndicatorResource(IndicatorService indicators, TargetService targets, IndicatorDictionary dictionary,
            CurrentCaller caller) {
        this.indicators = indicators;
        this.targets = targets;
        this.dictionary = dictionary;
        this.caller = caller;
    }

    /** An additive indicator's year month by month, by industry chain, town or (today's) group. */
    @GET
    @Path("/indicators/actuals")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    public Uni<Actuals> actuals(@QueryParam("year") String year, @QueryParam("indicator") String indicator,
            @QueryParam("dimension") String dimension) {
        if (indicator == null || indicator.isBlank()) {
            throw ApiException.invalidField("indicator", FieldCode.REQUIRED, "请指定指标");
        }
        Dimension by = Params.enumOrNull(Dimension.class, "dimension", dimension);
        return targets.actuals(TargetResource.year(year), indicator.trim(), by == null ? Dimension.CHAIN : by);
    }

    /** 企业指标口径: each indicator's name, unit, range and definition, with the dictionary's version. */
    @GET
    @Path("/indicator-dictionary")
    @Authenticated
    public Dictionary dictionary() {
        return dictionary.get();
    }

    /** The statistics bureau's monthly sheet (.xlsx): all rows or none. */
    @POST
    @Path("/indicators/import")
    @Consumes(XLSX)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    @RateLimited(value = "imports", perMinute = 5, burst = 5)
    public Uni<ImportResult> importSheet(byte[] body) {
        return indicators.importSheet(caller.get(), body == null ? new byte[0] : body);
    }
}
