package cn.zoufang.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.ledger.WorkCalendarDtos.YearInput;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The holiday schedule deadlines count with; the office enters each year's when it is published. */
@Path("/api/v1/work-calendar/{year}")
@Produces(MediaType.APPLICATION_JSON)
public class WorkCalendarResource {

    private final WorkCalendar calendar;
    private final CurrentCaller caller;

    public WorkCalendarResource(WorkCalendar calendar, CurrentCaller caller) {
        this.calendar = calendar;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Uni<Response> get(@PathParam("year") int year) {
        checkYear(year);
        return calendar.etag(year).flatMap(etag -> calendar.year(year)
                .map(view -> Response.ok(view).header(HttpHeaders.ETAG, etag).build()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> replace(@PathParam("year") int year, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull YearInput input) {
        checkYear(year);
        return calendar.replaceYear(caller.get(), year, ifMatch, input)
                .flatMap(view -> calendar.etag(year).map(etag -> Response.ok(view).header(HttpHeaders.ETAG, etag).build()));
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw ApiException.invalidField("year", FieldCode.INVALID, "年份应在 2000 到 2100 之间");
        }
    }
}
