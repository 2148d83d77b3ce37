package cn.zoufang.ledger;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WorkCalendarApiTest extends ApiTest {

    @Inject
    WorkCalendar calendar;

    @Test
    void everyoneReadsTheShippedSchedule() {
        as(CONTACT_1).get("/api/v1/work-calendar/2026").then().statusCode(200)
                .body("sourced", is(true))
                .body("days.find { it.date == '2026-02-14' }.kind", is("WORKDAY"))
                .body("days.find { it.date == '2026-10-01' }.name", is("国庆节"))
                .body("days.find { it.date == '2026-10-01' }.kindLabel", is("放假"));
        as(CONTACT_1).get("/api/v1/work-calendar/2031").then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("sourced", is(false))
                .body("days.size()", is(0));
    }

    @Test
    void theOfficeEntersANewYearAndDeadlinesUseItAtOnce() {
        LocalDate holiday = LocalDate.of(2030, 2, 4); // a Monday
        assertTrue(calendar.days().isWorkingDay(holiday));
        Map<String, Object> year = Map.of("source", "测试用假期安排", "days", List.of(
                Map.of("date", "2030-02-04", "kind", "HOLIDAY", "name", "春节"),
                Map.of("date", "2030-02-09", "kind", "WORKDAY", "name", "春节调休上班")));
        invalidAs(OFFICE).body(year).put("/api/v1/work-calendar/2030").then().statusCode(428);
        as(OFFICE).header("If-Match", "\"0\"").body(year).put("/api/v1/work-calendar/2030").then()
                .statusCode(200).header("ETag", "\"1\"")
                .body("sourced", is(true)).body("days.date", hasItem("2030-02-09"));
        assertFalse(calendar.days().isWorkingDay(holiday));
        assertTrue(calendar.days().isWorkingDay(LocalDate.of(2030, 2, 9)));
        as(OFFICE).header("If-Match", "\"0\"").body(year).put("/api/v1/work-calendar/2030").then().statusCode(412);
        as(ADMIN).queryParam("action", "WORK_CALENDAR_REPLACE").get("/api/v1/audit-events").then()
                .body("items[0].targetId", is("2030"));
    }

    @Test
    void badSchedulesAreRefusedWithTheDayNamed() {
        Map<String, Object> weekdayAsWorkday = Map.of("source", "x", "days", List.of(
                Map.of("date", "2032-03-03", "kind", "WORKDAY", "name", "错误")));
        as(OFFICE).header("If-Match", "\"0\"").body(weekdayAsWorkday).put("/api/v1/work-calendar/2032").then()
                .statusCode(400).body("errors[0].field", is("days[0].date"));
        Map<String, Object> otherYear = Map.of("source", "x", "days", List.of(
                Map.of("date", "2033-03-05", "kind", "HOLIDAY", "name", "错误")));
        as(OFFICE).header("If-Match", "\"0\"").body(otherYear).put("/api/v1/work-calendar/2032").then()
                .statusCode(400).body("errors[0].field", is("days[0].date"));
        as(OFFICE).get("/api/v1/work-calendar/2032").then().body("sourced", is(false));
        as(OFFICIAL_1).header("If-Match", "\"0\"").body(otherYear).put("/api/v1/work-calendar/2033").then()
                .statusCode(403);
    }

    @Test
    void readinessSaysWhichYearsAreKnown() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'work-calendar' }.status", is("UP"));
    }
}
