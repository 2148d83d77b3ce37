package cn.zoufang.web;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries, whoever makes it (a resource, a problem, a limit answered before any
 * resource, a static file, the management interface): the server's time ({@code Date}, from the clock the
 * service counts with, so that apps can correct their own), and what keeps browsers from misusing an answer:
 * no type sniffing, no framing, no referrer, and a Content-Security-Policy that allows no inline script.
 */
@ApplicationScoped
public class ResponseHeaders {

    /** The console: its own scripts, styles and the bundled ECharts, nothing inline, nothing from elsewhere. */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** Everything else is data, never a page. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Clock clock;

    public ResponseHeaders(Clock clock) {
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.route().order(-3000).handler(this::stamp);
    }

    void installOnManagement(@Observes ManagementInterface management) {
        management.router().route().order(-3000).handler(this::stamp);
    }

    void stamp(RoutingContext rc) {
        String path = rc.request().path();
        rc.addHeadersEndHandler(v -> {
            MultiMap h = rc.response().headers();
            if (!h.contains("Date")) {
                h.set("Date", ApiVersioning.httpDate(clock));
            }
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Content-Security-Policy", isPage(path) ? CONSOLE_POLICY : API_POLICY);
        });
        rc.next();
    }

    private static boolean isPage(String path) {
        return path != null && (path.startsWith("/console") || path.startsWith("/office") || path.startsWith("/webjars/"));
    }
}
