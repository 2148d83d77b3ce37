package cn.zoufang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Deadlines against the shipped 2026 schedule (国务院办公厅, 2025-11-04), checked against dates worked
 * out by hand. Spring Festival: off 15–23 Feb, work Sat 14 and Sat 28 Feb. Mid-Autumn: off 25–27 Sep.
 * National Day: off 1–7 Oct, work Sun 20 Sep and Sat 10 Oct.
 */
@QuarkusTest
class DeadlineTest extends ApiTest {

    @Inject
    WorkCalendar calendar;

    private static LocalDate d(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    @Test
    void theShippedScheduleKnowsTheMakeUpDays() {
        WorkingDays days = calendar.days();
        assertTrue(days.isSourced(2026));
        assertTrue(days.isSourced(2025));
        assertTrue(days.isWorkingDay(d(2, 14)));   // Saturday worked
        assertFalse(days.isWorkingDay(d(2, 23)));  // Monday off
        assertTrue(days.isWorkingDay(d(9, 20)));   // Sunday worked
        assertFalse(days.isWorkingDay(d(10, 7)));  // Wednesday off
        assertTrue(days.isWorkingDay(d(10, 10)));  // Saturday worked
    }

    @Test
    void dueDatesAcrossTheSpringFestival() {
        WorkingDays days = calendar.days();
        // Thu 12 Feb + 5: Fri 13, Sat 14 (worked), [15–23 off], Tue 24, Wed 25, Thu 26.
        assertEquals(d(2, 26), days.plus(d(2, 12), 5));
        // Fri 13 Feb + 10: 14, 24, 25, 26, 27, Sat 28 (worked), Mon 2, 3, 4, 5 Mar.
        assertEquals(d(3, 5), days.plus(d(2, 13), 10));
        // Forwarded during the holiday, Wed 18 Feb + 1: Tue 24.
        assertEquals(d(2, 24), days.plus(d(2, 18), 1));
    }

    @Test
    void dueDatesAcrossMidAutumnAndNationalDay() {
        WorkingDays days = calendar.days();
        // Fri 18 Sep + 3: Sun 20 (worked), Mon 21, Tue 22.
        assertEquals(d(9, 22), days.plus(d(9, 18), 3));
        // Wed 23 Sep + 5: Thu 24, [25–27 off], Mon 28, Tue 29, Wed 30, [1–7 Oct off], Thu 8 Oct.
        assertEquals(d(10, 8), days.plus(d(9, 23), 5));
        // Wed 30 Sep + 7: Thu 8, Fri 9, Sat 10 (worked), Mon 12, 13, 14, 15.
        assertEquals(d(10, 15), days.plus(d(9, 30), 7));
    }

    @Test
    void stagesAroundADueDateAfterNationalDay() {
        LocalDate due = d(10, 15);
        assertEquals(Stage.ON_TIME, calendar.stage(due, d(10, 12)));         // 13, 14, 15 left
        assertEquals(Stage.DUE_SOON, calendar.stage(due, d(10, 13)));        // 14, 15 left
        assertEquals(Stage.DUE_SOON, calendar.stage(due, d(10, 15)));        // due today
        assertEquals(Stage.OVERDUE, calendar.stage(due, d(10, 16)));         // 1 working day late
        assertEquals(Stage.OVERDUE, calendar.stage(due, d(10, 21)));         // 16, 19, 20, 21: 4 late
        assertEquals(Stage.NEEDS_SUPERVISION, calendar.stage(due, d(10, 22))); // 5 late
        assertEquals(4, calendar.days().daysOverdue(due, d(10, 21)));
    }

    @Test
    void stagesAcrossTheSpringFestivalHoliday() {
        LocalDate due = d(2, 26);
        assertEquals(Stage.ON_TIME, calendar.stage(due, d(2, 13)));   // 14, 24, 25, 26 left
        assertEquals(Stage.ON_TIME, calendar.stage(due, d(2, 20)));   // off: 24, 25, 26 left
        assertEquals(Stage.DUE_SOON, calendar.stage(due, d(2, 24)));  // 25, 26 left
        // Late from Fri 27; Sat 28 is worked, so Mon 2, Tue 3, Wed 4 Mar make 5 working days late.
        assertEquals(Stage.OVERDUE, calendar.stage(due, d(3, 3)));
        assertEquals(Stage.NEEDS_SUPERVISION, calendar.stage(due, d(3, 4)));
    }
}
