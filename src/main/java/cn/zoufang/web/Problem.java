package cn.zoufang.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details, with our stable {@code code} and field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String code, String detail, String instance,
        List<FieldError> errors, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return new Problem("urn:zoufang:problem:" + code.name(), code.title(), code.status(), code.name(),
                detail, instance, errors, RequestIds.current());
    }
}
