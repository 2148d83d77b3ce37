package cn.zoufang.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import cn.zoufang.kernel.Outages;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;

/** Every error leaves the service as {@code application/problem+json} with a stable code. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    public static Response response(ErrorCode code, String detail, UriInfo uri, List<FieldError> errors) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        Response.ResponseBuilder builder = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, instance, errors));
        if (code.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response r = response(e.code(), e.detail(), uri, e.errors());
        if (e.retryAfterSeconds() != null) {
            return Response.fromResponse(r).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return r;
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(v.getPropertyPath()), FieldCode.of(v), v.getMessage()));
        }
        errors.sort((a, b) -> String.valueOf(a.field()).compareTo(String.valueOf(b.field())));
        return response(ErrorCode.VALIDATION_FAILED, "请检查标出的字段", uri, errors);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return response(ErrorCode.UNKNOWN_PROPERTY, "不允许的字段：" + field, uri,
                List.of(new FieldError(field, FieldCode.UNKNOWN_PROPERTY, "不允许的字段")));
    }

    @ServerExceptionMapper
    public Response badJson(JsonMappingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownProperty(u, uri);
        }
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return response(ErrorCode.MALFORMED_JSON, "请求体不是有效的 JSON 对象", uri, List.of());
        }
        if (e instanceof StrictJson.Refused refused) {
            return response(ErrorCode.VALIDATION_FAILED, refused.getOriginalMessage() + "：" + field, uri,
                    List.of(new FieldError(field, refused.code(), refused.getOriginalMessage())));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && java.time.temporal.Temporal.class.isAssignableFrom(m.getTargetType())) {
            String message = "应为真实的日期或时间，如 2026-11-28 或 2026-11-28T09:30:00+08:00";
            return response(ErrorCode.VALIDATION_FAILED, message + "：" + field, uri,
                    List.of(new FieldError(field, FieldCode.FORMAT, message)));
        }
        return response(ErrorCode.VALIDATION_FAILED, "字段类型或取值不正确：" + field, uri,
                List.of(new FieldError(field, FieldCode.FORMAT, "字段类型或取值不正确")));
    }

    /** More specific than {@link #badJson}, so that it wins over Quarkus' own mapper for this type. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e, UriInfo uri) {
        return response(ErrorCode.MALFORMED_JSON, "请求体不是有效的 JSON", uri, List.of());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return response(ErrorCode.UNAUTHENTICATED, "请先登录", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(ErrorCode.FORBIDDEN, "当前角色无权执行此操作", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ApiException a) {
            return api(a, uri);
        }
        if (e instanceof NotFoundException) {
            return response(ErrorCode.NOT_FOUND, "请求的地址不存在", uri, List.of());
        }
        if (e instanceof NotAllowedException) {
            return response(ErrorCode.METHOD_NOT_ALLOWED, "该地址不支持此请求方法", uri, List.of());
        }
        if (e instanceof NotSupportedException) {
            return response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "不支持的 Content-Type", uri, List.of());
        }
        if (e instanceof NotAcceptableException) {
            return response(ErrorCode.NOT_ACCEPTABLE, "不支持请求的 Accept", uri, List.of());
        }
        if (e.getResponse().getStatus() == 413) {
            return response(ErrorCode.PAYLOAD_TOO_LARGE, "请求内容超过上限", uri, List.of());
        }
        if (e.getCause() instanceof JsonParseException p) {
            return unparsable(p, uri);
        }
        if (e.getCause() instanceof JsonMappingException m) {
            return badJson(m, uri);
        }
        if (e.getResponse().getStatus() == 400) {
            return response(ErrorCode.VALIDATION_FAILED, "请求参数有误", uri, List.of());
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e, UriInfo uri) {
        // Mutiny wraps failures from combined Unis; an API failure among them is what the client needs.
        for (Throwable cause : e.getCauses()) {
            if (cause instanceof ApiException a) {
                return api(a, uri);
            }
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable t : Outages.causes(e)) {
            if (t instanceof ApiException a) {
                return api(a, uri);
            }
            // Two writers passed the If-Match check together; the version column caught the second.
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return response(ErrorCode.PRECONDITION_FAILED, "数据刚被他人修改，请刷新后重试", uri, List.of());
            }
        }
        if (Outages.isOutage(e)) {
            // The transaction did not commit (or its end is unknown): every write is safe to retry as it
            // was sent (client-made ids, Idempotency-Key), so the phone keeps it and retries.
            LOG.warn("Dependency unavailable on " + (uri == null ? "?" : uri.getPath()) + ": " + e);
            return response(ErrorCode.SERVICE_UNAVAILABLE, "服务暂时不可用，请稍后再试", uri, List.of());
        }
        LOG.error("Unhandled failure on " + (uri == null ? "?" : uri.getPath()), e);
        return response(ErrorCode.INTERNAL_ERROR, "请稍后重试；如持续出现请联系管理员", uri, List.of());
    }

    private static String fieldPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getName() == null) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(node.getName());
            if (node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
