package cn.zoufang.identity;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.notify.sms.SmsDispatcher;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.People.Person;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * SMS codes through the real SMS client to the local dysmsapi server: login, password reset, their limits,
 * and the second factor.
 */
@QuarkusTest
class SmsCodesTest extends ApiTest {

    @Inject
    SmsDispatcher dispatcher;

    @AfterEach
    void clockBack() {
        TestClock.reset();
    }

    /** Asks for a code and lets the dispatcher send it: the code the phone received. */
    private String codeFor(String phone, String purpose) throws Throwable {
        api().body(Map.of("phone", phone, "purpose", purpose)).post("/api/v1/auth/codes").then().statusCode(202);
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
        return People.lastCode(phone);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void anSmsCodeLogsInOnceAndAWrongOrReusedOneIsRefused() throws Throwable {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        String code = codeFor(p.phone(), "LOGIN");
        assertEquals(6, code.length());
        api().body(Map.of("phone", p.phone(), "code", wrong(code))).post("/api/v1/auth/sms-login")
                .then().statusCode(401).body("code", is("CODE_INVALID"));
        String access = api().body(Map.of("phone", p.phone(), "code", code)).header("User-Agent", "ZoufangApp/2.3 (Android 14)")
                .post("/api/v1/auth/sms-login").then().statusCode(200).extract().path("accessToken");
        People.bearer(access).get("/api/v1/me/sessions").then().statusCode(200)
                .body("find { it.current }.method", is("SMS_CODE"))
                .body("find { it.current }.client", is("ZoufangApp/2.3 (Android 14)"));
        api().body(Map.of("phone", p.phone(), "code", code)).post("/api/v1/auth/sms-login")
                .then().statusCode(401).body("code", is("CODE_INVALID"));
        // The SMS carries the code only: no name, and the outbox forgets it once sent.
        assertTrue(TestServices.sms().sentTo(p.phone()).get(0).templateParam().matches("\\{\"code\":\"\\d{6}\"\\}"));
    }

    @Test
    void aCodeExpiresAfterFiveMinutesAndANewOneReplacesTheOld() throws Throwable {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        String first = codeFor(p.phone(), "LOGIN");
        // A second code within the minute is refused (and nothing is sent).
        api().body(Map.of("phone", p.phone(), "purpose", "LOGIN")).post("/api/v1/auth/codes")
                .then().statusCode(429).body("code", is("TOO_MANY_REQUESTS")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        TestClock.advance(Duration.ofSeconds(90));
        String second = codeFor(p.phone(), "LOGIN");
        if (!second.equals(first)) {
            api().body(Map.of("phone", p.phone(), "code", first)).post("/api/v1/auth/sms-login")
                    .then().statusCode(401).body("code", is("CODE_INVALID"));
        }
        TestClock.advance(Duration.ofMinutes(6));
        api().body(Map.of("phone", p.phone(), "code", second)).post("/api/v1/auth/sms-login")
                .then().statusCode(401).body("code", is("CODE_INVALID"));
    }

    @Test
    void theFifthWrongTryBurnsTheCode() throws Throwable {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        String code = codeFor(p.phone(), "LOGIN");
        for (int i = 1; i <= 4; i++) {
            api().body(Map.of("phone", p.phone(), "code", wrong(code))).post("/api/v1/auth/sms-login")
                    .then().statusCode(401);
        }
        api().body(Map.of("phone", p.phone(), "code", wrong(code))).post("/api/v1/auth/sms-login")
                .then().statusCode(429).body("code", is("TOO_MANY_CODE_ATTEMPTS"));
        api().body(Map.of("phone", p.phone(), "code", code)).post("/api/v1/auth/sms-login")
                .then().statusCode(429);
    }

    @Test
    void anUnknownOrDisabledPhoneGetsTheSameAnswerAndNoSms() throws Throwable {
        String nobody = People.newPhone();
        api().body(Map.of("phone", nobody, "purpose", "LOGIN")).post("/api/v1/auth/codes").then().statusCode(202);
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
        assertEquals(0, TestServices.sms().sentTo(nobody).size());
        api().body(Map.of("phone", nobody, "code", "123456")).post("/api/v1/auth/sms-login")
                .then().statusCode(401).body("code", is("CODE_INVALID"));
        invalid().body(Map.of("phone", nobody, "purpose", "ADMIN_RESET")).post("/api/v1/auth/codes").then().statusCode(400);
        invalid().body(Map.of("phone", nobody, "purpose", "ACTIVATION")).post("/api/v1/auth/codes").then().statusCode(400)
                .body("errors[0].field", is("creditCode"));
    }

    @Test
    void aForgottenPasswordIsResetWithAnSmsCodeAndEveryLoginEnds() throws Throwable {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        String code = codeFor(p.phone(), "PASSWORD_RESET");
        // A login code is not a reset code, and the new password must pass the policy before the code is spent.
        api().body(Map.of("phone", p.phone(), "code", code, "newPassword", "password123")).post("/api/v1/auth/password-reset")
                .then().statusCode(400).body("errors[0].field", is("newPassword"));
        api().body(Map.of("phone", p.phone(), "code", code, "newPassword", "Forgot-It-Again-26"))
                .post("/api/v1/auth/password-reset").then().statusCode(200);
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(401);
        api().body(Map.of("refreshToken", p.refreshToken())).post("/api/v1/auth/refresh").then().statusCode(401);
        People.login(p.phone(), "Forgot-It-Again-26");
        api().body(Map.of("phone", p.phone(), "code", code, "newPassword", "Forgot-It-Third-26"))
                .post("/api/v1/auth/password-reset").then().statusCode(401).body("code", is("CODE_INVALID"));
        TestClock.advance(Duration.ofSeconds(90));
        String login = codeFor(p.phone(), "LOGIN");
        api().body(Map.of("phone", p.phone(), "code", login, "newPassword", "Forgot-It-Third-26"))
                .post("/api/v1/auth/password-reset").then().statusCode(401);
    }

    @Test
    void theSecondFactorIsForDeskRolesAndOnceOnEveryLoginAsksForTheAuthenticatorsCode() throws Throwable {
        Person official = People.create(List.of("OFFICIAL"), null, null);
        People.bearer(official.accessToken()).post("/api/v1/me/totp").then().statusCode(403);
        Person office = People.create(List.of("OFFICE"), null, null);
        String secret = People.bearer(office.accessToken()).post("/api/v1/me/totp").then().statusCode(200)
                .body("otpauthUri", org.hamcrest.Matchers.startsWith("otpauth://totp/")).extract().path("secret");
        long step = TestClock.instantNow().getEpochSecond() / 30;
        People.bearer(office.accessToken()).body(Map.of("code", "000000".equals(Totp.code(secret, step)) ? "111111" : "000000"))
                .post("/api/v1/me/totp/confirm").then().statusCode(401).body("code", is("TOTP_INVALID"));
        People.bearer(office.accessToken()).body(Map.of("code", Totp.code(secret, step)))
                .post("/api/v1/me/totp/confirm").then().statusCode(204);
        People.bearer(office.accessToken()).get("/api/v1/me").then().statusCode(200).body("totpEnabled", is(true));

        api().body(Map.of("phone", office.phone(), "password", office.password())).post("/api/v1/auth/login")
                .then().statusCode(401).body("code", is("TOTP_REQUIRED"));
        api().body(Map.of("phone", office.phone(), "password", office.password(), "totpCode", "12345x"))
                .post("/api/v1/auth/login").then().statusCode(401).body("code", is("TOTP_INVALID"));
        api().body(Map.of("phone", office.phone(), "password", office.password(),
                "totpCode", Totp.code(secret, TestClock.instantNow().getEpochSecond() / 30)))
                .post("/api/v1/auth/login").then().statusCode(200);
        // An SMS code alone is not enough either.
        String code = codeFor(office.phone(), "LOGIN");
        api().body(Map.of("phone", office.phone(), "code", code)).post("/api/v1/auth/sms-login")
                .then().statusCode(401).body("code", is("TOTP_REQUIRED"));
        // The authenticator lost: the admin turns it off, and the password alone works again.
        as(ADMIN).delete("/api/v1/accounts/" + office.id() + "/totp").then().statusCode(204);
        as(ADMIN).delete("/api/v1/accounts/" + office.id() + "/totp").then().statusCode(409);
        api().body(Map.of("phone", office.phone(), "password", office.password())).post("/api/v1/auth/login")
                .then().statusCode(200);
        AccountLifecycleTest.retire(office);
    }
}
