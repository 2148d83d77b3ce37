package cn.zoufang.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether this year's and next year's holiday schedules are known. Never DOWN: without a
 * schedule deadlines still count Monday–Friday, but the office should enter it.
 */
@Readiness
@ApplicationScoped
public class WorkCalendarHealthCheck implements HealthCheck {

    private final WorkCalendar calendar;

    public WorkCalendarHealthCheck(WorkCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public HealthCheckResponse call() {
        int year = calendar.today().getYear();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("work-calendar").up();
        for (int y = year; y <= year + 1; y++) {
            b.withData(String.valueOf(y), calendar.days().isSourced(y) ? "published schedule"
                    : "not published here: counting Monday-Friday");
        }
        return b.build();
    }
}
