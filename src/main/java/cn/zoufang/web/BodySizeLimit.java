package cn.zoufang.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses oversize bodies before they are read, with a problem+json 413 (the HTTP layer's own limit,
 * {@code quarkus.http.limits.max-body-size}, stays as the hard stop for bodies without a length).
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long jsonLimit;
    private final long importLimit;

    public BodySizeLimit(WebConfig config) {
        this.jsonLimit = config.maxJsonBytes();
        this.importLimit = config.maxImportBytes();
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long max = rc.request().path().endsWith("/import") ? importLimit : jsonLimit;
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                Problem p = Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "请求内容不能超过 " + max + " 字节",
                        rc.request().path(), List.of());
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(p));
                return;
            }
        }
        rc.next();
    }
}
