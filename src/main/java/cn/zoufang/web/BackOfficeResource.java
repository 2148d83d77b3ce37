package cn.zoufang.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The web back office is static files under /office/ (built from webapp/; it logs in over the API); this is its bare address. */
@Path("/office")
public class BackOfficeResource {

    @GET
    @PermitAll
    public Response office() {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/office/")).build();
    }
}
