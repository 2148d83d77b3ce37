package cn.zoufang.health;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics and the OpenAPI document answer on the management interface only (the ingress routes
 * the API's port alone), and say up or down without the driver's words.
 */
@QuarkusTest
class HealthTest extends ApiTest {

    @Test
    void readinessReportsEveryDependencyWithoutDetailsOfIt() {
        String body = management().get("/q/health/ready").then()
                .statusCode(200)
                .header("Date", notNullValue())
                .body("status", is("UP"))
                .body("checks.name", containsInAnyOrder("database", "object-store", "push", "work-calendar", "document-font", "warm-up"))
                .extract().asString();
        // No server version, no error text, no host names.
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("version"), body);
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("127.0.0.1"), body);
        management().get("/q/health/live").then().statusCode(200);
        management().get("/q/health/started").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        management().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/issues"));
    }

    @Test
    void theApisPortServesNoneOfIt() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/dev-ui" }) {
            io.restassured.RestAssured.given().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body(not(containsString("UP")));
        }
    }
}
