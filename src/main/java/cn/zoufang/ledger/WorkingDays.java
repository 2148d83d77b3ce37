package cn.zoufang.ledger;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Working-day arithmetic over one snapshot of the calendar: published holidays and make-up working
 * days where a year is sourced, Monday–Friday elsewhere. Immutable, so it can be shared by threads.
 */
public final class WorkingDays {

    private final Map<LocalDate, DayKind> exceptions;
    private final Set<Integer> sourcedYears;

    public WorkingDays(Map<LocalDate, DayKind> exceptions, Set<Integer> sourcedYears) {
        this.exceptions = Map.copyOf(exceptions);
        this.sourcedYears = Set.copyOf(sourcedYears);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = exceptions.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The {@code n}-th working day after {@code start} (start itself does not count). */
    public LocalDate plus(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The day D before {@code end} such that there are exactly {@code n} working days in {@code (D, end]}. */
    public LocalDate minus(LocalDate end, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        LocalDate day = end;
        int counted = 0;
        while (counted < n) {
            if (isWorkingDay(day)) {
                counted++;
            }
            day = day.minusDays(1);
        }
        return day;
    }

    /** Working days in {@code (from, to]}: after {@code from}, up to and including {@code to}; 0 if to ≤ from. */
    public int between(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                n++;
            }
        }
        return n;
    }

    /** Whether the year's published schedule is known; otherwise it is counted Monday–Friday. */
    public boolean isSourced(int year) {
        return sourcedYears.contains(year);
    }

    /**
     * An open issue's stage on {@code today}: due soon within {@code dueSoon} working days of its due
     * date (the due date included), overdue after it, needing supervision once {@code supervisionAfter}
     * working days late.
     */
    public Stage stage(LocalDate due, LocalDate today, int dueSoon, int supervisionAfter) {
        if (!today.isAfter(due)) {
            return between(today, due) <= dueSoon ? Stage.DUE_SOON : Stage.ON_TIME;
        }
        return between(due, today) >= supervisionAfter ? Stage.NEEDS_SUPERVISION : Stage.OVERDUE;
    }

    /**
     * The ladder as due-date boundaries for one day, so a query can pick the issues of each stage: due on or
     * before {@code supervise} needs supervision, before {@code today} is overdue, before {@code horizon} is
     * due soon, the rest on time. Agrees with {@link #stage} for every due date.
     */
    public StageBounds bounds(LocalDate today, int dueSoon, int supervisionAfter) {
        LocalDate supervise = today.minusDays(1);
        while (between(supervise, today) < supervisionAfter) {
            supervise = supervise.minusDays(1);
        }
        return new StageBounds(supervise, today, plus(today, dueSoon + 1));
    }

    public record StageBounds(LocalDate supervise, LocalDate today, LocalDate horizon) {
    }

    /** Working days late on {@code today} (0 when not late). */
    public int daysOverdue(LocalDate due, LocalDate today) {
        return between(due, today);
    }
}
