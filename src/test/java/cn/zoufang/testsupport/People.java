package cn.zoufang.testsupport;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import cn.zoufang.notify.sms.FakeAliyunSms;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Accounts of their own for the tests that change accounts (the demo accounts' cached tokens must stay good
 * for every other test): made by the admin, their initial password changed, signed in.
 */
public final class People extends ApiTest {

    /** A password the policy accepts. */
    public static final String STRONG = "Qiye-Zoufang-2026!";

    private People() {
    }

    public record Person(String id, String phone, String password, String accessToken, String refreshToken) {
    }

    /** A mainland mobile no demo or generated account uses (197…). */
    public static String newPhone() {
        return "197" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A new account with these roles (and unit or enterprise), its initial password already changed. */
    public static Person create(List<String> roles, String departmentId, String enterpriseId) {
        return create(newPhone(), STRONG, roles, departmentId, enterpriseId);
    }

    /**
     * The same with this phone, and {@code password} chosen at the first login; {@code as(phone)} then signs in
     * with it.
     */
    public static Person create(String phone, String password, List<String> roles, String departmentId, String enterpriseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", phone);
        body.put("displayName", "测试" + phone.substring(7));
        body.put("password", "Initial-Pass-" + phone.substring(5));
        body.put("roles", roles);
        body.put("departmentId", departmentId);
        body.put("enterpriseId", enterpriseId);
        String id = as(ADMIN).body(body).post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        JsonPath tokens = api().body(Map.of("phone", phone, "password", body.get("password"), "newPassword", password))
                .post("/api/v1/auth/password-change").then().statusCode(200).extract().jsonPath();
        PASSWORDS.put(phone, password);
        return new Person(id, phone, password, tokens.getString("accessToken"), tokens.getString("refreshToken"));
    }

    /** Signs in again (another device): its tokens. */
    public static JsonPath login(String phone, String password) {
        return api().body(Map.of("phone", phone, "password", password)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().jsonPath();
    }

    /** A request with this access token, without the contract filter (for answers the token decides). */
    public static io.restassured.specification.RequestSpecification bearer(String accessToken) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + accessToken);
    }

    /** The one-time code in the latest SMS to this phone. */
    public static String lastCode(String phone) {
        List<FakeAliyunSms.Sent> sent = TestServices.sms().sentTo(phone);
        if (sent.isEmpty()) {
            throw new AssertionError("no SMS to " + phone);
        }
        return JsonPath.from(sent.get(sent.size() - 1).templateParam()).getString("code");
    }
}
