package cn.zoufang.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps small answers as they are. The HTTP layer compresses JSON for a client that accepts it
 * ({@code quarkus.http.enable-compression}, negotiated by {@code Accept-Encoding}); below the threshold gzip's
 * own frame and the work on both sides outweigh what it saves, so such an answer is marked {@code identity},
 * which the layer leaves alone.
 */
@ApplicationScoped
public class Compression {

    private final WebConfig config;

    public Compression(WebConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(-2900).handler(this::keepSmallAsIs);
    }

    void keepSmallAsIs(RoutingContext rc) {
        rc.addHeadersEndHandler(ended -> {
            MultiMap h = rc.response().headers();
            // The same address answers gzipped or not by the request's Accept-Encoding: caches must keep them apart.
            if (h.getAll(HttpHeaders.VARY).stream().noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("accept-encoding"))) {
                h.add(HttpHeaders.VARY, "Accept-Encoding");
            }
            String length = h.get(HttpHeaders.CONTENT_LENGTH);
            if (length != null && Long.parseLong(length) < config.compressAbove()) {
                h.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
            }
        });
        rc.next();
    }
}
