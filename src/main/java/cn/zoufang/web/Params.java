package cn.zoufang.web;

import java.time.Clock;

import cn.zoufang.kernel.Dates;

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
            throw ApiException.invalidField(name, FieldCode.FORMAT, "无法识别的取值：" + raw);
        }
    }

    public static java.time.LocalDate dateOrNull(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalidField(name, FieldCode.FORMAT, "日期格式应为 2026-11-28");
        }
    }

    /** A month as {@code 2026-11}; the current month (China time) when absent. */
    public static java.time.YearMonth monthOrCurrent(String name, String raw, Clock clock) {
        if (raw == null || raw.isBlank()) {
            return Dates.thisMonth(clock);
        }
        try {
            return java.time.YearMonth.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalidField(name, FieldCode.FORMAT, "月份格式应为 2026-11");
        }
    }

    public static java.util.UUID uuidOrNull(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, FieldCode.FORMAT, "应为 UUID");
        }
    }

    public static Boolean booleanOrNull(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.invalidField(name, FieldCode.FORMAT, "应为 true 或 false");
        };
    }
}
