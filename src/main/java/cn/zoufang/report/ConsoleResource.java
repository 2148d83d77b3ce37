package cn.zoufang.report;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The office's web console is static files under /console/ (it logs in over the API); this is its bare address. */
@Path("/console")
public class ConsoleResource {

    @GET
    @PermitAll
    public Response console(@Context UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(URI.create("/console/" + (query == null ? "" : "?" + query))).build();
    }
}
