package cn.zoufang.web;

/** Query parameters parsed by hand, so that a bad value is a 400 naming the parameter (not a bare 404). */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumOrNull(Class<E> type, String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, ErrorCode.VALIDATION_FAILED, "无法识别的取值：" + raw);
        }
    }
}
