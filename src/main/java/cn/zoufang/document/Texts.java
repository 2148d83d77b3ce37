package cn.zoufang.document;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import cn.zoufang.kernel.Dates;

/** How official documents write dates and figures. */
public final class Texts {

    private Texts() {
    }

    /** 2026年12月3日 (Arabic figures, as GB/T 9704 writes the date of issue). */
    public static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** 2026年12月3日 09:30, China time; "—" when there is none. */
    public static String dateTime(OffsetDateTime t) {
        if (t == null) {
            return "—";
        }
        var local = t.atZoneSameInstant(Dates.ZONE);
        return chineseDate(local.toLocalDate()) + String.format(" %02d:%02d", local.getHour(), local.getMinute());
    }

    /** A share as a percentage with one decimal (85.3%), or "—" when there is none. */
    public static String percent(Double share) {
        return share == null ? "—" : String.format("%.1f%%", share * 100);
    }

    /** A number without a needless ".0" (12, 12.5), or "—" when there is none. */
    public static String number(Number n) {
        if (n == null) {
            return "—";
        }
        double d = n.doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format("%.2f", d).replaceAll("0+$", "");
    }
}
