package cn.zoufang.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
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
        VertxContextSupport.subscribeAndAwait(() -> gauges.refresh());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("zoufang_push_due"))
                .body(containsString("zoufang_push_pending"))
                .body(containsString("zoufang_push_dead"))
                .body(containsString("zoufang_issues_overdue"))
                .body(containsString("zoufang_uploads_pending"))
                .body(containsString("uri=\"/api/v1/me\""));
    }

    @Test
    void eachDependencyHasItsHealthGroup() {
        given().get("/q/health/group/database").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/group/object-store").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/group/push").then().body("checks[0].name", notNullValue());
    }
}
