package cn.zoufang.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.assessment.AssessmentDtos.Assessment;
import cn.zoufang.assessment.AssessmentDtos.SchemeInput;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.report.Period;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Preconditions;
import io.smallrye.mutiny.Uni;

/** 绩效考核: the office sets the year's scheme and publishes each period's result; 区巡查办 reads both. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_INSPECTOR })
public class AssessmentResource {

    private final AssessmentService assessments;
    private final CurrentCaller caller;

    public AssessmentResource(AssessmentService assessments, CurrentCaller caller) {
        this.assessments = assessments;
        this.caller = caller;
    }

    @GET
    @Path("/assessment-schemes/{year}")
    public Uni<Response> scheme(@PathParam("year") String year) {
        return assessments.scheme(year(year))
                .map(s -> Response.ok(s).header(HttpHeaders.ETAG, Preconditions.etag(s.version())).build());
    }

    @PUT
    @Path("/assessment-schemes/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> saveScheme(@PathParam("year") String year, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull SchemeInput input) {
        return assessments.save(caller.get(), year(year), ifMatch, input)
                .map(s -> Response.ok(s).header(HttpHeaders.ETAG, Preconditions.etag(s.version())).build());
    }

    @GET
    @Path("/assessments/{period}")
    public Uni<Assessment> assessment(@PathParam("period") String period) {
        return assessments.assessment(Period.parse("period", period));
    }

    @POST
    @Path("/assessments/{period}/publish")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Assessment> publish(@PathParam("period") String period) {
        return assessments.publish(caller.get(), Period.parse("period", period));
    }

    private static int year(String text) {
        try {
            int y = Integer.parseInt(text);
            if (y >= 2000 && y <= 2999) {
                return y;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("year", FieldCode.FORMAT, "年度应为四位数字，如 2026");
    }
}
