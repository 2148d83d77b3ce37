package cn.zoufang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The arithmetic itself, on a calendar with no published schedule (Monday–Friday). */
class WorkingDaysTest {

    private final WorkingDays weekdaysOnly = new WorkingDays(Map.of(), Set.of());

    @Test
    void withoutAScheduleWeekdaysWorkAndWeekendsRest() {
        assertTrue(weekdaysOnly.isWorkingDay(LocalDate.of(2027, 1, 29))); // Friday
        assertFalse(weekdaysOnly.isWorkingDay(LocalDate.of(2027, 1, 30))); // Saturday
        assertEquals(LocalDate.of(2027, 2, 1), weekdaysOnly.plus(LocalDate.of(2027, 1, 29), 1));
        assertEquals(LocalDate.of(2027, 2, 5), weekdaysOnly.plus(LocalDate.of(2027, 1, 29), 5));
        assertFalse(weekdaysOnly.isSourced(2027));
    }

    @Test
    void aStartOnARestDayCountsFromTheNextWorkingDay() {
        assertEquals(LocalDate.of(2027, 2, 1), weekdaysOnly.plus(LocalDate.of(2027, 1, 30), 1));
        assertEquals(LocalDate.of(2027, 1, 30), weekdaysOnly.plus(LocalDate.of(2027, 1, 30), 0));
    }

    @Test
    void exceptionsOverrideTheWeek() {
        WorkingDays days = new WorkingDays(Map.of(LocalDate.of(2027, 2, 1), DayKind.HOLIDAY,
                LocalDate.of(2027, 1, 30), DayKind.WORKDAY), Set.of(2027));
        assertEquals(LocalDate.of(2027, 1, 30), days.plus(LocalDate.of(2027, 1, 29), 1));
        assertEquals(LocalDate.of(2027, 2, 2), days.plus(LocalDate.of(2027, 1, 29), 2));
        assertEquals(2, days.between(LocalDate.of(2027, 1, 29), LocalDate.of(2027, 2, 2)));
        assertEquals(0, days.between(LocalDate.of(2027, 2, 2), LocalDate.of(2027, 1, 29)));
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> weekdaysOnly.plus(LocalDate.of(2027, 1, 1), -1));
    }

    @Test
    void theLaddersBoundariesAgreeWithTheStageOfEveryDueDate() {
        // The Spring Festival week of 2027 as published: holidays, and a Saturday made a working day.
        Map<LocalDate, DayKind> festival = new java.util.HashMap<>();
        for (LocalDate d = LocalDate.of(2027, 2, 6); !d.isAfter(LocalDate.of(2027, 2, 13)); d = d.plusDays(1)) {
            festival.put(d, DayKind.HOLIDAY);
        }
        festival.put(LocalDate.of(2027, 2, 20), DayKind.WORKDAY);
        for (WorkingDays days : java.util.List.of(weekdaysOnly, new WorkingDays(festival, Set.of(2027)))) {
            for (LocalDate today = LocalDate.of(2027, 1, 25); today.isBefore(LocalDate.of(2027, 3, 1)); today = today.plusDays(1)) {
                for (int[] rule : new int[][] { { 2, 5 }, { 0, 1 }, { 3, 0 } }) {
                    WorkingDays.StageBounds b = days.bounds(today, rule[0], rule[1]);
                    for (LocalDate due = today.minusDays(30); due.isBefore(today.plusDays(30)); due = due.plusDays(1)) {
                        Stage byBounds = !due.isAfter(b.supervise()) ? Stage.NEEDS_SUPERVISION
                                : due.isBefore(b.today()) ? Stage.OVERDUE
                                : due.isBefore(b.horizon()) ? Stage.DUE_SOON : Stage.ON_TIME;
                        assertEquals(days.stage(due, today, rule[0], rule[1]), byBounds,
                                "due " + due + " on " + today + " rule " + java.util.Arrays.toString(rule));
                    }
                }
            }
        }
    }
}
