package cn.zoufang.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.zoufang.identity.AuthDtos.LoginRequest;
import cn.zoufang.identity.AuthDtos.RefreshRequest;
import cn.zoufang.identity.AuthDtos.TokenResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/login")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        // Behind the ingress this is the forwarded client address (quarkus.http.proxy.*).
        SocketAddress from = http.remoteAddress();
        return auth.login(request, from == null || from.hostAddress() == null ? "unknown" : from.hostAddress());
    }

    @POST
    @Path("/refresh")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    /** Ends the session of this refresh token (and its rotations). Unknown tokens are fine: logout is idempotent. */
    @POST
    @Path("/logout")
    public Uni<Response> logout(@Valid @NotNull RefreshRequest request) {
        return auth.logout(request.refreshToken()).map(v -> Response.noContent().build());
    }
}
