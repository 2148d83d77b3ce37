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

import cn.zoufang.identity.AuthDtos.Activation;
import cn.zoufang.identity.AuthDtos.CodeRequest;
import cn.zoufang.identity.AuthDtos.LoginRequest;
import cn.zoufang.identity.AuthDtos.PasswordChange;
import cn.zoufang.identity.AuthDtos.PasswordReset;
import cn.zoufang.identity.AuthDtos.SmsLoginRequest;
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
        return auth.login(request, address(http), client(http));
    }

    /** Asks for a one-time code by SMS: 202 whether or not the phone may have one (nothing is revealed). */
    @POST
    @Path("/codes")
    public Uni<Response> requestCode(@Valid @NotNull CodeRequest request, @Context HttpServerRequest http) {
        return auth.requestCode(request, address(http)).map(v -> Response.accepted().build());
    }

    @POST
    @Path("/sms-login")
    public Uni<TokenResponse> smsLogin(@Valid @NotNull SmsLoginRequest request, @Context HttpServerRequest http) {
        return auth.smsLogin(request, client(http));
    }

    @POST
    @Path("/password-change")
    public Uni<TokenResponse> changePassword(@Valid @NotNull PasswordChange request, @Context HttpServerRequest http) {
        return auth.changePassword(request, address(http), client(http));
    }

    @POST
    @Path("/password-reset")
    public Uni<TokenResponse> resetPassword(@Valid @NotNull PasswordReset request, @Context HttpServerRequest http) {
        return auth.resetPassword(request, client(http));
    }

    @POST
    @Path("/activate")
    public Uni<TokenResponse> activate(@Valid @NotNull Activation request, @Context HttpServerRequest http) {
        return auth.activate(request, client(http));
    }

    /** Behind the ingress this is the forwarded client address (quarkus.http.proxy.*). */
    private static String address(HttpServerRequest http) {
        SocketAddress from = http.remoteAddress();
        return from == null || from.hostAddress() == null ? "unknown" : from.hostAddress();
    }

    /** The app as it names itself, for the owner's list of sessions: printable, at most 120 characters. */
    private static String client(HttpServerRequest http) {
        String agent = http.getHeader("User-Agent");
        if (agent == null || agent.isBlank()) {
            return null;
        }
        String clean = agent.replaceAll("\\p{Cntrl}", "").trim();
        return clean.length() > 120 ? clean.substring(0, 120) : clean;
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
