package cn.zoufang.identity;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;

/** Request-scoped access to the {@link Caller}; resources are singletons, so they inject this. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken jwt;

    public CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller get() {
        if (jwt == null || jwt.getSubject() == null) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "请先登录");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String g : jwt.getGroups()) {
            try {
                roles.add(Role.valueOf(g));
            } catch (IllegalArgumentException ignored) {
                // A role this version does not know grants nothing.
            }
        }
        Object sid = jwt.getClaim(TokenService.SESSION_CLAIM);
        UUID session = null;
        if (sid != null) {
            try {
                session = UUID.fromString(sid instanceof jakarta.json.JsonString s ? s.getString() : sid.toString());
            } catch (IllegalArgumentException ignored) {
                // Not one of ours: the token names no login.
            }
        }
        return new Caller(UUID.fromString(jwt.getSubject()), jwt.getName(), roles, session);
    }
}
