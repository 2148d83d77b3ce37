package cn.zoufang.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Sizes refused before anything reads them, with a problem+json answer: an address longer than 8 KiB (414),
 * a body over its limit (413: 256 KiB of JSON, 5 MiB for a CSV import, the photo limit for a photo's bytes
 * sent through the service) whether it declares its length or comes in chunks. The HTTP layer's own limits ({@code quarkus.http.limits.*}) stay as the hard stop behind
 * these, set well above them so that what a client meets is this answer.
 */
@ApplicationScoped
public class RequestLimits {

    /** Longest address (path and query) answered; a browser's or a phone's never comes near it. */
    static final int MAX_URI_CHARS = 8192;

    /** A limit and the handler that counts a chunked body against it. */
    private record Limit(long bytes, BodyHandler chunked) {
        static Limit of(long bytes) {
            // For chunked bodies only: read here, counted, then handed on to the REST layer as read.
            return new Limit(bytes, BodyHandler.create(false).setBodyLimit(bytes).setHandleFileUploads(false));
        }
    }

    private final Limit json;
    private final Limit imports;
    private final Limit photos;

    public RequestLimits(WebConfig config) {
        this.json = Limit.of(config.maxJsonBytes());
        this.imports = Limit.of(config.maxImportBytes());
        this.photos = Limit.of(config.maxPhotoBytes());
    }

    private Limit limitOf(String path) {
        if (path == null) {
            return json;
        }
        return path.endsWith("/import") ? imports : path.startsWith("/api/v1/photos/") && path.endsWith("/content") ? photos : json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::limit).failureHandler(this::bodyTooLarge);
    }

    void limit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > MAX_URI_CHARS) {
            refuse(rc, 414, ErrorCode.URI_TOO_LONG, "请求地址不能超过 " + MAX_URI_CHARS + " 个字符");
            return;
        }
        Limit limit = limitOf(request.path());
        long max = limit.bytes();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                tooLarge(rc, max);
                return;
            }
            rc.next();
            return;
        }
        // No length: HTTP/1.1 chunks, or HTTP/2 frames. Counted as they come.
        if (request.method() == io.vertx.core.http.HttpMethod.POST || request.method() == io.vertx.core.http.HttpMethod.PUT
                || request.method() == io.vertx.core.http.HttpMethod.PATCH) {
            limit.chunked().handle(rc);
            return;
        }
        rc.next();
    }

    /** The body handler fails the request with 413 once a chunked body passes the limit. */
    void bodyTooLarge(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().ended()) {
            tooLarge(rc, limitOf(rc.request().path()).bytes());
            return;
        }
        rc.next();
    }

    private static void tooLarge(RoutingContext rc, long max) {
        refuse(rc, 413, ErrorCode.PAYLOAD_TOO_LARGE, "请求内容不能超过 " + max + " 字节");
    }

    private static void refuse(RoutingContext rc, int status, ErrorCode code, String detail) {
        String path = rc.request().path();
        Problem p = Problem.of(code, detail, path == null || path.length() > 200 ? null : path, List.of());
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The rest of an oversize body is not read: the connection cannot be reused.
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(p));
    }
}
