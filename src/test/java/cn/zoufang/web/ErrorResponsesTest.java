package cn.zoufang.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ErrorResponsesTest extends ApiTest {

    @Test
    void malformedJsonIs400() {
        invalid().body("{\"phone\": ").post("/api/v1/auth/login").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("MALFORMED_JSON"))
                .body("title", is("请求格式有误"));
    }

    @Test
    void unknownPropertyIsNamed() {
        invalid().body("{\"phone\":\"13800000005\",\"password\":\"x\",\"admin\":true}").post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("code", is("UNKNOWN_PROPERTY"))
                .body("errors[0].field", is("admin"));
    }

    @Test
    void wrongTypeIsNamed() {
        invalidAs(OFFICE).body("{\"enterpriseId\": 42, \"startDate\": \"not-a-date\"}")
                .post("/api/v1/groups/00000000-0000-0000-0000-000000000001/assignments")
                .then().statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
    }

    @Test
    void oversizeBodyIs413AsProblemJson() {
        String big = "{\"phone\":\"" + "1".repeat(300_000) + "\",\"password\":\"x\"}";
        invalid().body(big).post("/api/v1/auth/login").then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", is("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void unknownPathIs404ProblemJson() {
        // Outside the contract on purpose, so without the contract filter.
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", is("NOT_FOUND"));
    }

    @Test
    void wrongContentTypeIs415() {
        invalidAs(OFFICE).contentType("application/xml").body("<x/>").post("/api/v1/departments").then()
                .statusCode(415).body("code", is("UNSUPPORTED_MEDIA_TYPE"));
    }
}
