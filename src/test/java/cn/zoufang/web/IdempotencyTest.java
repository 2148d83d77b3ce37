package cn.zoufang.web;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** The same Idempotency-Key rules on every write, here on the directory's. */
@QuarkusTest
class IdempotencyTest extends ApiTest {

    @Test
    void aRetriedCreateIsAnsweredFromTheFirstAndMakesNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.enterprise("幂等创建企业", DemoData.demoCreditCode(501));
        String id = as(OFFICE).header("Idempotency-Key", key).body(body).post("/api/v1/enterprises").then()
                .statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        as(OFFICE).header("Idempotency-Key", key).body(body).post("/api/v1/enterprises").then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"0\"")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/enterprises/" + id))
                .body("id", is(id));
        as(OFFICE).queryParam("name", "幂等创建企业").get("/api/v1/enterprises").then().body("items.size()", is(1));
    }

    @Test
    void aFailedRequestKeepsNothingSoItsCorrectedRetryRuns() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> wrong = Fixtures.enterprise("幂等纠正企业", DemoData.demoCreditCode(1));
        as(OFFICE).header("Idempotency-Key", key).body(wrong).post("/api/v1/enterprises").then().statusCode(409);
        Map<String, Object> right = Fixtures.enterprise("幂等纠正企业", DemoData.demoCreditCode(502));
        as(OFFICE).header("Idempotency-Key", key).body(right).post("/api/v1/enterprises").then().statusCode(201);
        as(OFFICE).header("Idempotency-Key", key).body(Fixtures.enterprise("另一家", DemoData.demoCreditCode(503)))
                .post("/api/v1/enterprises").then().statusCode(422).body("code", is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void keysArePerAccount() {
        String key = UUID.randomUUID().toString();
        as(OFFICE).header("Idempotency-Key", key).body(Map.of("name", "幂等测试单位甲"))
                .post("/api/v1/departments").then().statusCode(201).body("name", is("幂等测试单位甲"));
        as(ADMIN).header("Idempotency-Key", key).body(Map.of("name", "幂等测试单位乙"))
                .post("/api/v1/departments").then().statusCode(201).body("name", is("幂等测试单位乙"));
    }
}
