package cn.zoufang.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** /api/v1's versioning rules: too old an app gets 426, every answer has the server's time, deprecations are announced. */
@QuarkusTest
class VersioningTest extends ApiTest {

    /** A stand-in for an endpoint on its way out (test code only). */
    @Path("/api/v1/test-deprecated")
    public static class OldEndpoint {
        @GET
        @PermitAll
        @DeprecatedApi(since = "2026-10-01", sunset = "2027-06-30")
        public String old() {
            return "old";
        }
    }

    @Test
    void anAppOlderThanTheOldestServedIsToldToUpdate() {
        // The test profile serves 1.0.0 and newer.
        as(OFFICIAL_1).header("X-App-Version", "0.9.7").get("/api/v1/me").then().statusCode(426)
                .body("code", is("APP_UPDATE_REQUIRED"));
        as(OFFICIAL_1).header("X-App-Version", "1.0.0").get("/api/v1/me").then().statusCode(200);
        as(OFFICIAL_1).header("X-App-Version", "2.3.1-beta").get("/api/v1/me").then().statusCode(200);
        // Also before login: an old app learns it at the login screen.
        invalid().header("X-App-Version", "0.1").body(java.util.Map.of("phone", OFFICIAL_1, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(426);
        invalidAs(OFFICIAL_1).header("X-App-Version", "new").get("/api/v1/me").then().statusCode(400)
                .body("errors[0].field", is("X-App-Version"));
        // No header (the console, scripts): served.
        as(OFFICIAL_1).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void everyAnswerCarriesTheServersTime() {
        String date = as(OFFICIAL_1).get("/api/v1/me").then().statusCode(200).header("Date", notNullValue())
                .extract().header("Date");
        ZonedDateTime server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
        org.junit.jupiter.api.Assertions.assertTrue(Duration.between(server.toInstant(), TestClock.instantNow()).abs().toMinutes() < 5);
        invalidAs(OFFICIAL_1).get("/api/v1/visits/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .header("Date", notNullValue());
    }

    @Test
    void aDeprecatedEndpointSaysWhenItGoes() {
        given().get("/api/v1/test-deprecated").then().statusCode(200)
                .header("Deprecation", is("@" + java.time.LocalDate.of(2026, 10, 1).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toEpochSecond()))
                .header("Sunset", is("Wed, 30 Jun 2027 00:00:00 GMT"))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"deprecation\""));
        as(OFFICIAL_1).get("/api/v1/me").then().header("Deprecation", nullValue()).header("Sunset", nullValue());
    }
}
