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
}
