package cn.zoufang.web;

import java.time.LocalDate;
import java.time.ZoneId;

/** The program runs on China Standard Time: "today", months and deadlines are counted there. */
public final class Dates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Dates() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
