package cn.zoufang.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A keyset position in a sorted list: the sort-key values of the last row the client has seen.
 * Opaque to the apps (base64url); a tampered or foreign cursor is a 400, never a wrong page.
 */
public record Cursor(List<String> keys) {

    private static final char SEP = '\u001f';
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static Cursor of(String... keys) {
        return new Cursor(List.of(keys));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEP), keys).getBytes(StandardCharsets.UTF_8));
    }

    /** @return null when no cursor was given (the first page) */
    public static Cursor decode(String raw, int expectedKeys) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            List<String> keys = Arrays.asList(text.split(String.valueOf(SEP), -1));
            if (keys.size() != expectedKeys) {
                throw invalid();
            }
            return new Cursor(keys);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The page size to use: the default when absent, never above the cap. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1) {
            throw ApiException.invalidField("limit", FieldCode.RANGE, "limit 必须大于 0");
        }
        return Math.min(requested, MAX_LIMIT);
    }

    public String key(int i) {
        return keys.get(i);
    }

    /** The i-th key as a UUID, an instant, a date or a number; a key that is not one is an invalid cursor. */
    public java.util.UUID uuid(int i) {
        return typed(i, java.util.UUID::fromString);
    }

    public java.time.OffsetDateTime time(int i) {
        return typed(i, java.time.OffsetDateTime::parse);
    }

    public java.time.LocalDate date(int i) {
        return typed(i, java.time.LocalDate::parse);
    }

    public long number(int i) {
        return typed(i, Long::parseLong);
    }

    private <T> T typed(int i, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(keys.get(i));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR, "分页游标无效，请从第一页重新加载");
    }
}
