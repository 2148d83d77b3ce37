package cn.zoufang.ops;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Request ids, the operator's gauges and per-route latencies, and health groups per dependency. */
@QuarkusTest
class ObservabilityTest extends ApiTest {

    @Inject
    Gauges gauges;

    @Test
    void everyAnswerHasARequestIdAndProblemsQuoteIt() {
        String mine = "app-" + UUID.randomUUID();
        as(OFFICIAL_1).header("X-Request-Id", mine).get("/api/v1/me").then().statusCode(200)
                .header("X-Request-Id", is(mine));
        String generated = as(OFFICIAL_1).get("/api/v1/me").then().header("X-Request-Id", notNullValue())
                .extract().header("X-Request-Id");
        var problem = invalidAs(OFFICIAL_1).get("/api/v1/visits/" + UUID.randomUUID()).then().statusCode(404)
                .extract();
        assertEquals(problem.header("X-Request-Id"), problem.path("requestId"));
        // A header that is not a sane id is replaced, not echoed into logs.
        as(OFFICIAL_1).header("X-Request-Id", "x").get("/api/v1/me").then()
                .header("X-Request-Id", org.hamcrest.Matchers.not("x"));
        // Without one, the server makes its own.
        UUID.fromString(generated);
    }

    @Test
    void metricsHaveTheOutboxOverdueIssuesPendingUploadsAndLatencyPerRoute() throws Throwable {
        as(OFFICIAL_1).get("/api/v1/me").then().statusCode(200);
        // At least one overdue issue, so that gauge cannot pass by being zero like the others may be.
        Db.execute("update issue set due_date = '" + TestClock.today().minusDays(3) + "' where id = '"
                + cn.zoufang.testsupport.Fixtures.forwardedIssue("监控测试") + "'");
        String metrics;
        java.time.LocalDate today;
        // The gauge and the check below count overdue issues for the same day.
        try (var held = TestClock.hold()) {
            today = TestClock.today();
            VertxContextSupport.subscribeAndAwait(() -> gauges.refresh());
            metrics = management().get("/q/metrics").then().statusCode(200)
                    .body(containsString("uri=\"/api/v1/me\"")).extract().asString();
        }
        assertEquals(Db.count("select count(*) from push_delivery where status = 'PENDING'"),
                gauge(metrics, "zoufang_push_pending"));
        assertEquals(Db.count("select count(*) from push_delivery where status = 'DEAD'"), gauge(metrics, "zoufang_push_dead"));
        assertEquals(Db.count("select count(*) from issue where status in ('FORWARDED', 'IN_PROGRESS')"
                + " and due_date < '" + today + "'"), gauge(metrics, "zoufang_issues_overdue"));
        assertEquals(Db.count("select count(*) from photo where status = 'PENDING'"), gauge(metrics, "zoufang_uploads_pending"));
        gauge(metrics, "zoufang_push_due");
    }

    /** A gauge's value in Prometheus' text format. */
    private static long gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
                .orElseThrow(() -> new AssertionError(name + " missing"));
    }

    @Test
    void eachDependencyHasItsHealthGroup() {
        management().get("/q/health/group/database").then().statusCode(200).body("status", is("UP"));
        management().get("/q/health/group/object-store").then().statusCode(200).body("status", is("UP"));
        management().get("/q/health/group/push").then().body("checks[0].name", notNullValue());
    }
}
