package cn.zoufang.health;

import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends ApiTest {

    @Test
    void readinessReportsDatabaseAndObjectStore() {
        api().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("object-store", "Reactive PostgreSQL connections health check"));
    }
}
