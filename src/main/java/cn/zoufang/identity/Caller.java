package cn.zoufang.identity;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated account behind the current request, as its access token describes it; {@code sessionId}
 * is its login (null for tokens made before logins were named).
 */
public record Caller(UUID id, String phone, Set<Role> roles, UUID sessionId) {

    public boolean hasAny(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }
}
