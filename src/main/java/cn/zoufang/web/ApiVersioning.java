package cn.zoufang.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The versioning rules of /api/v1 in one place: too old an app is told to update (426), a malformed
 * {@code X-App-Version} is a 400, and deprecated endpoints say so in their headers (every answer's
 * {@code Date} is {@link ResponseHeaders}' part).
 */
public class ApiVersioning {

    public static final String APP_VERSION = "X-App-Version";

    private final Optional<int[]> minimum;

    public ApiVersioning(WebConfig config) {
        this.minimum = config.minAppVersion().filter(v -> !v.isBlank()).map(v -> parse(v.trim()));
        if (config.minAppVersion().filter(v -> !v.isBlank()).isPresent() && minimum.get() == null) {
            throw new IllegalStateException("zoufang.web.min-app-version is not a version: " + config.minAppVersion().get());
        }
    }

    @ServerRequestFilter
    public void checkAppVersion(ContainerRequestContext request) {
        String sent = request.getHeaderString(APP_VERSION);
        if (sent == null || sent.isBlank()) {
            return;
        }
        // Checked whether or not a minimum is set: the contract says a malformed version is a 400.
        int[] version = parse(sent.trim());
        if (version == null) {
            throw ApiException.invalidField(APP_VERSION, FieldCode.FORMAT, "应用版本号应为 2.3.1 这样的数字");
        }
        if (minimum.isPresent() && compare(version, minimum.get()) < 0) {
            throw new ApiException(ErrorCode.APP_UPDATE_REQUIRED, "当前版本 " + sent.trim() + "，最低支持版本 "
                    + String.join(".", java.util.Arrays.stream(minimum.get()).mapToObj(String::valueOf).toList()));
        }
    }

    @ServerResponseFilter
    public void stamp(ContainerResponseContext response, ResourceInfo resource) {
        DeprecatedApi deprecated = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(DeprecatedApi.class);
        if (deprecated != null) {
            long since = LocalDate.parse(deprecated.since()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            response.getHeaders().putSingle("Deprecation", "@" + since);
            response.getHeaders().putSingle("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    LocalDate.parse(deprecated.sunset()).atStartOfDay(ZoneOffset.UTC)));
            response.getHeaders().putSingle("Link",
                    "<https://zoufang.example.gov.cn/mobile-contract/versioning.md>; rel=\"deprecation\"");
        }
    }

    /** The server's time as an HTTP {@code Date}. */
    public static String httpDate(Clock clock) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC));
    }

    /** 2.3.1 → {2, 3, 1}; anything else (letters, empty parts) → null. A suffix such as "-beta" is ignored. */
    static int[] parse(String version) {
        String core = version.split("[-+ ]", 2)[0];
        String[] parts = core.split("\\.");
        if (parts.length == 0 || parts.length > 4) {
            return null;
        }
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("\\d{1,6}")) {
                return null;
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
