package cn.zoufang.identity;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RefreshTokenTest extends ApiTest {

    private static String login(String phone) {
        return api().body(Map.of("phone", phone, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("refreshToken");
    }

    private static io.restassured.response.ValidatableResponse refresh(String token) {
        return api().body(Map.of("refreshToken", token)).post("/api/v1/auth/refresh").then();
    }

    @Test
    void refreshRotatesTheTokenAndTheNewAccessTokenWorks() {
        String first = login(OFFICIAL_1);
        Map<String, Object> next = refresh(first).statusCode(200).extract().as(Map.class);
        assertNotEquals(first, next.get("refreshToken"));
        api().header("Authorization", "Bearer " + next.get("accessToken")).get("/api/v1/me")
                .then().statusCode(200).body("phone", is(OFFICIAL_1));
        refresh((String) next.get("refreshToken")).statusCode(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        String first = login(OFFICIAL_2);
        String second = refresh(first).statusCode(200).extract().path("refreshToken");
        // The stolen copy of `first` comes back: everything of this login ends.
        refresh(first).statusCode(401).body("code", is("REFRESH_TOKEN_REUSED"));
        refresh(second).statusCode(401).body("code", is("REFRESH_TOKEN_INVALID"));
        // Another login of the same person (another device) is not affected.
        refresh(login(OFFICIAL_2)).statusCode(200);
    }

    @Test
    void logoutEndsTheSessionAndIsIdempotent() {
        String token = login(LEADER_1);
        api().body(Map.of("refreshToken", token)).post("/api/v1/auth/logout").then().statusCode(204);
        refresh(token).statusCode(401).body("code", is("REFRESH_TOKEN_INVALID"));
        api().body(Map.of("refreshToken", token)).post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void unknownRefreshTokenIsRefused() {
        refresh("no-such-token").statusCode(401).body("code", is("REFRESH_TOKEN_INVALID"));
    }
}
