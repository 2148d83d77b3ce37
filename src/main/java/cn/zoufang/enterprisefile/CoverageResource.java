package cn.zoufang.enterprisefile;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.enterprisefile.EnterpriseFileDtos.Coverage;
import cn.zoufang.identity.Role;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import io.smallrye.mutiny.Uni;

/** Who the program misses (覆盖情况): the office's. */
@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
public class CoverageResource {

    private final CoverageService coverage;

    public CoverageResource(CoverageService coverage) {
        this.coverage = coverage;
    }

    @GET
    public Uni<Coverage> coverage(@QueryParam("idleMonths") Integer idleMonths) {
        int months = idleMonths == null ? 3 : idleMonths;
        if (months < 1 || months > 36) {
            throw ApiException.invalidField("idleMonths", FieldCode.RANGE, "应在 1 到 36 个月之间");
        }
        return coverage.coverage(months);
    }
}
