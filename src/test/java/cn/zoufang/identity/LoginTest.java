package cn.zoufang.identity;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoginTest extends ApiTest {

    @Test
    void loginReturnsAShortLivedRs256TokenAndARefreshToken() throws Exception {
        Map<String, Object> body = api().body(Map.of("phone", OFFICIAL_1, "password", PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("tokenType", is("Bearer"))
                .body("expiresIn", is(900))
                .body("refreshToken", notNullValue())
                .extract().as(Map.class);
        String[] parts = ((String) body.get("accessToken")).split("\\.");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("https://zoufang.local", claims.get("iss").asText());
        assertEquals("zoufang-app", claims.get("aud").isArray() ? claims.get("aud").get(0).asText()
                : claims.get("aud").asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals(OFFICIAL_1, claims.get("upn").asText());
        assertEquals("OFFICIAL", claims.get("groups").get(0).asText());
    }

    @Test
    void theTokenOpensMe() {
        as(LEADER_1).get("/api/v1/me").then().statusCode(200)
                .body("phone", is(LEADER_1))
                .body("roles", containsInAnyOrder("GROUP_LEADER"))
                .body("roleLabels", containsInAnyOrder("带队区领导"))
                .body("groups[0].leader", is(true));
        as(CONTACT_1).get("/api/v1/me").then().statusCode(200)
                .body("enterprise.name", is("欧菲光（演示）"))
                .body("groups.size()", is(0));
        as(DEPARTMENT).get("/api/v1/me").then().statusCode(200).body("department.name", is("区经发局"));
    }

    @Test
    void wrongPasswordAndUnknownPhoneGetTheSameAnswer() {
        api().body(Map.of("phone", OFFICIAL_2, "password", "not-the-password"))
                .post("/api/v1/auth/login").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("BAD_CREDENTIALS"))
                .body("title", is("手机号或密码不正确"));
        api().body(Map.of("phone", "13999999999", "password", "whatever"))
                .post("/api/v1/auth/login").then().statusCode(401)
                .body("code", is("BAD_CREDENTIALS"));
    }

    @Test
    void missingFieldsAreNamed() {
        invalid().body(Map.of("phone", "")).post("/api/v1/auth/login").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("password", "phone"));
    }

    @Test
    void repeatedFailuresThrottleThePhoneNumberEvenForTheRightPassword() {
        String phone = "13911110001";
        cn.zoufang.testsupport.People.create(phone, "Right-password-1", List.of("OFFICIAL"), null, null);
        for (int i = 0; i < 5; i++) {
            api().body(Map.of("phone", phone, "password", "wrong-" + i))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        String retryAfter = api().body(Map.of("phone", phone, "password", "Right-password-1"))
                .post("/api/v1/auth/login").then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", is("TOO_MANY_LOGIN_ATTEMPTS"))
                .header("Retry-After", notNullValue())
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds > 0 && seconds <= 15 * 60, retryAfter);
        // Another phone number is not affected.
        api().body(Map.of("phone", OFFICIAL_2, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200);
    }

    @Test
    void everyLoginSuccessAndFailureIsAudited() {
        String phone = DESK;
        api().body(Map.of("phone", phone, "password", "wrong")).post("/api/v1/auth/login").then().statusCode(401);
        api().body(Map.of("phone", phone, "password", PASSWORD)).post("/api/v1/auth/login").then().statusCode(200);
        as(ADMIN).queryParam("action", "LOGIN").queryParam("targetId", phone).queryParam("limit", 2)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("items.size()", is(2))
                .body("items[0].result", is("SUCCESS"))
                .body("items[0].actorRoles", is("ENTERPRISE_DESK"))
                .body("items[1].result", is("FAILURE"))
                .body("items[1].detail", is("wrong password"))
                .body("items[0].id", greaterThan(0));
    }

    @Test
    void onlyTheAdminReadsTheAuditTrail() {
        as(OFFICE).get("/api/v1/audit-events").then().statusCode(403)
                .body("code", is("FORBIDDEN"));
        as(ADMIN).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", hasItem(equalTo("LOGIN")));
    }
}
