package cn.zoufang.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;

/**
 * A span the figures are counted over: a month ({@code 2026-06}), a quarter ({@code 2026-Q2}), a half-year
 * ({@code 2026-H1}) or a year ({@code 2026}), in China time. Every metric is defined over any of them
 * (the dictionary's {@code rollUp} says how); the "1+2+4" rhythm meets quarterly, half-yearly and yearly.
 */
public record Period(Kind kind, int year, int index) {

    public enum Kind {
        MONTH(1, "月"),
        QUARTER(3, "季度"),
        HALF(6, "半年"),
        YEAR(12, "年度");

        final int months;
        private final String label;

        Kind(int months, String label) {
            this.months = months;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern TEXT = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q([1-4])|-H([12]))?");
    private static final String[] QUARTERS = { "一", "二", "三", "四" };

    public Period {
        if (year < 2000 || year > 2999 || index < 1 || index > 12 / kind.months) {
            throw new IllegalArgumentException(kind + " " + year + " " + index);
        }
    }

    public static Period of(YearMonth month) {
        return containing(Kind.MONTH, month);
    }

    /** The period of this kind that the month falls in. */
    public static Period containing(Kind kind, YearMonth month) {
        return new Period(kind, month.getYear(), (month.getMonthValue() - 1) / kind.months + 1);
    }

    /** The period a text names, or 400 for the field {@code name}. */
    public static Period parse(String name, String text) {
        Matcher m = text == null ? null : TEXT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw ApiException.invalidField(name, FieldCode.FORMAT, "统计期格式应为 2026-06（月）、2026-Q2（季度）、2026-H1（半年）或 2026（年度）");
        }
        int year = Integer.parseInt(m.group(1));
        try {
            if (m.group(2) != null) {
                return new Period(Kind.MONTH, year, Integer.parseInt(m.group(2)));
            }
            if (m.group(3) != null) {
                return new Period(Kind.QUARTER, year, Integer.parseInt(m.group(3)));
            }
            if (m.group(4) != null) {
                return new Period(Kind.HALF, year, Integer.parseInt(m.group(4)));
            }
            return new Period(Kind.YEAR, year, 1);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, FieldCode.INVALID, "统计期不存在：" + text.trim());
        }
    }

    public YearMonth firstMonth() {
        return YearMonth.of(year, (index - 1) * kind.months + 1);
    }

    public YearMonth lastMonth() {
        return firstMonth().plusMonths(kind.months - 1L);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = firstMonth(); !m.isAfter(lastMonth()); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    public LocalDate firstDay() {
        return firstMonth().atDay(1);
    }

    public LocalDate lastDay() {
        return lastMonth().atEndOfMonth();
    }

    public OffsetDateTime start() {
        return firstDay().atStartOfDay(Dates.ZONE).toOffsetDateTime();
    }

    /** The first instant after the period. */
    public OffsetDateTime end() {
        return lastDay().plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
    }

    /** The period of the same kind just before. */
    public Period previous() {
        int count = 12 / kind.months;
        return index > 1 ? new Period(kind, year, index - 1) : new Period(kind, year - 1, count);
    }

    /** 2026年6月, 2026年第二季度, 2026年上半年, 2026年. */
    public String label() {
        return switch (kind) {
            case MONTH -> year + "年" + index + "月";
            case QUARTER -> year + "年第" + QUARTERS[index - 1] + "季度";
            case HALF -> year + "年" + (index == 1 ? "上" : "下") + "半年";
            case YEAR -> year + "年";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MONTH -> firstMonth().toString();
            case QUARTER -> year + "-Q" + index;
            case HALF -> year + "-H" + index;
            case YEAR -> String.valueOf(year);
        };
    }
}
