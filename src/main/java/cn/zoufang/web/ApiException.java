package cn.zoufang.web;

import java.util.List;

/**
 * A failure the client can act on. Services throw it; {@link ProblemMapper} turns it into
 * {@code application/problem+json} with the stable {@link ErrorCode}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors) {
        this(code, detail, errors, null);
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(code.name() + ": " + detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + "不存在或无权查看");
    }

    public static ApiException invalidField(String field, FieldCode code, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message,
                List.of(new FieldError(field, code, message)));
    }

    /** Most errors an import names in its answer. */
    public static final int MAX_IMPORT_ERRORS = 200;

    /**
     * An import refused whole (CSV of enterprises, the statistics bureau's sheet): how many rows are wrong, and
     * each error with its row and column (at most {@link #MAX_IMPORT_ERRORS}).
     */
    public static ApiException importRows(List<FieldError> errors) {
        long rows = errors.stream().map(FieldError::row).distinct().count();
        return new ApiException(ErrorCode.IMPORT_ROWS_INVALID, rows + " 行有错误（共 " + errors.size() + " 处）",
                errors.subList(0, Math.min(MAX_IMPORT_ERRORS, errors.size())));
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage().substring(code.name().length() + 2);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
