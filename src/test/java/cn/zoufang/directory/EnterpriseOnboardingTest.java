package cn.zoufang.directory;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.notify.sms.SmsDispatcher;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/**
 * Enterprises start at zone scale: the import makes their contacts' accounts unactivated, a contact
 * activates with the credit code and an SMS code, contacts are added and hand over, the desk registers
 * walk-ins.
 */
@QuarkusTest
class EnterpriseOnboardingTest extends ApiTest {

    private static final AtomicInteger CODES = new AtomicInteger(3000);
    static final String HEADER = "企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,联系人,联系电话,联系人手机\n";

    @Inject
    SmsDispatcher dispatcher;

    static String row(String name, String code, String mobile) {
        return name + "," + code + ",规上工业,装备制造,樵舍镇,南昌经开区导入路 8 号,28.8,115.7,李四,0791-86660000," + mobile + "\n";
    }

    private static io.restassured.response.ValidatableResponse importCsv(String csv) {
        return as(OFFICE).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/enterprises/import").then();
    }

    private void dispatch() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
    }

    @Test
    void anImportedContactActivatesWithTheCreditCodeAndAnSmsCode() throws Throwable {
        String code = DemoData.demoCreditCode(CODES.getAndIncrement());
        String other = DemoData.demoCreditCode(CODES.getAndIncrement());
        String mobile = People.newPhone();
        String withoutMobile = DemoData.demoCreditCode(CODES.getAndIncrement());
        importCsv(HEADER + row("激活测试企业", code, mobile) + row("无手机企业", withoutMobile, "")
                + row("另一家激活测试企业", other, People.newPhone()))
                .statusCode(200).body("imported", is(3)).body("contacts", is(2));
        assertEquals("f", Db.text("select (activated_at is not null)::text::char from account where phone = '" + mobile + "'"));

        // Not activated: no password works, and no login code is sent.
        api().body(Map.of("phone", mobile, "password", People.STRONG)).post("/api/v1/auth/login").then().statusCode(401);
        api().body(Map.of("phone", mobile, "purpose", "LOGIN")).post("/api/v1/auth/codes").then().statusCode(202);
        try {
            // Another enterprise's credit code: the same answer, and nothing is sent.
            cn.zoufang.testsupport.TestClock.advance(java.time.Duration.ofSeconds(90));
            api().body(Map.of("phone", mobile, "purpose", "ACTIVATION", "creditCode", other)).post("/api/v1/auth/codes")
                    .then().statusCode(202);
            dispatch();
            assertEquals(0, TestServices.sms().sentTo(mobile).size());
            cn.zoufang.testsupport.TestClock.advance(java.time.Duration.ofSeconds(90));
            api().body(Map.of("phone", mobile, "purpose", "ACTIVATION", "creditCode", code.toLowerCase()))
                    .post("/api/v1/auth/codes").then().statusCode(202);
            dispatch();
            String sms = People.lastCode(mobile);
            // A wrong credit code with the right SMS code is refused, and counts as a wrong try.
            api().body(Map.of("phone", mobile, "creditCode", other, "code", sms, "newPassword", "Qiye-Jihuo-2026"))
                    .post("/api/v1/auth/activate").then().statusCode(401).body("code", is("CODE_INVALID"));
            assertEquals(1, Db.count("select attempts from one_time_code where account_id = (select id from account where phone = '"
                    + mobile + "') and purpose = 'ACTIVATION'"));
            api().body(Map.of("phone", mobile, "creditCode", code, "code", sms, "newPassword", "12345678901"))
                    .post("/api/v1/auth/activate").then().statusCode(400).body("errors[0].field", is("newPassword"));
            String access = api().body(Map.of("phone", mobile, "creditCode", code, "code", sms, "newPassword", "Qiye-Jihuo-2026"))
                    .post("/api/v1/auth/activate").then().statusCode(200).extract().path("accessToken");
            People.bearer(access).get("/api/v1/me").then().statusCode(200).body("enterprise.name", is("激活测试企业"))
                    .body("roles", is(List.of("ENTERPRISE_CONTACT")));
            // Once: the code is spent and the account is active now.
            api().body(Map.of("phone", mobile, "creditCode", code, "code", sms, "newPassword", "Qiye-Jihuo-2027"))
                    .post("/api/v1/auth/activate").then().statusCode(401);
            People.login(mobile, "Qiye-Jihuo-2026");
        } finally {
            cn.zoufang.testsupport.TestClock.reset();
        }
    }

    @Test
    void aMobileRepeatedInTheFileOrAlreadyAnAccountRefusesTheWholeFile() throws Exception {
        String mobile = People.newPhone();
        String first = DemoData.demoCreditCode(CODES.getAndIncrement());
        importCsv(HEADER + row("重复手机甲", first, mobile) + row("重复手机乙", DemoData.demoCreditCode(CODES.getAndIncrement()), mobile))
                .statusCode(400).body("code", is("IMPORT_ROWS_INVALID"))
                .body("errors[0].field", is("联系人手机")).body("errors[0].code", is("DUPLICATE_PHONE")).body("errors[0].row", is(3));
        importCsv(HEADER + row("已有账号手机", first, OFFICIAL_1))
                .statusCode(400).body("errors[0].code", is("DUPLICATE_PHONE")).body("errors[0].row", is(2));
        importCsv(HEADER + row("坏手机", first, "0791-88888888"))
                .statusCode(400).body("errors[0].field", is("联系人手机")).body("errors[0].code", is("FORMAT"));
        assertEquals(0, Db.count("select count(*) from enterprise where credit_code = '" + first + "'"));
    }

    @Test
    void theDeskRegistersAWalkInWithItsContactWhoLaterHandsOver() throws Throwable {
        Map<String, Object> walkIn = Fixtures.enterprise("来访小微企业", DemoData.demoCreditCode(CODES.getAndIncrement()));
        String mobile = People.newPhone();
        walkIn.put("contactMobile", mobile);
        String enterprise = as(DESK).body(walkIn).post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        as(DESK).get("/api/v1/enterprises/" + enterprise + "/contacts").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].phone", is(mobile)).body("[0].activated", is(false));
        // A second contact by the office; officials and other enterprises may not manage them.
        String second = People.newPhone();
        as(OFFICE).body(Map.of("displayName", "王五", "phone", second)).post("/api/v1/enterprises/" + enterprise + "/contacts")
                .then().statusCode(201).body("activated", is(false));
        as(OFFICE).body(Map.of("displayName", "重复", "phone", second)).post("/api/v1/enterprises/" + enterprise + "/contacts")
                .then().statusCode(409).body("code", is("DUPLICATE_PHONE"));
        as(OFFICIAL_1).body(Map.of("displayName", "x", "phone", People.newPhone()))
                .post("/api/v1/enterprises/" + enterprise + "/contacts").then().statusCode(org.hamcrest.Matchers.anyOf(is(403), is(404)));
        as(CONTACT_1).get("/api/v1/enterprises/" + enterprise + "/contacts").then().statusCode(404);

        // The first contact activates, then hands over to a successor: the old account is disabled, its session ends.
        cn.zoufang.testsupport.TestClock.advance(java.time.Duration.ofSeconds(90));
        try {
            String code = as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().statusCode(200).extract().path("creditCode");
            api().body(Map.of("phone", mobile, "purpose", "ACTIVATION", "creditCode", code)).post("/api/v1/auth/codes")
                    .then().statusCode(202);
            dispatch();
            JsonPath tokens = api().body(Map.of("phone", mobile, "creditCode", code, "code", People.lastCode(mobile),
                    "newPassword", "Qiye-Jihuo-2026")).post("/api/v1/auth/activate").then().statusCode(200).extract().jsonPath();
            String me = People.bearer(tokens.getString("accessToken")).get("/api/v1/me").then().statusCode(200).extract().path("id");
            String successor = People.newPhone();
            People.bearer(tokens.getString("accessToken")).body(Map.of("displayName", "赵六", "phone", successor))
                    .post("/api/v1/enterprises/" + enterprise + "/contacts/" + me + "/handover").then().statusCode(201)
                    .body("phone", is(successor)).body("activated", is(false));
            People.bearer(tokens.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
            api().body(Map.of("refreshToken", tokens.getString("refreshToken"))).post("/api/v1/auth/refresh").then().statusCode(401);
            as(DESK).get("/api/v1/enterprises/" + enterprise + "/contacts").then().statusCode(200).body("$", hasSize(3))
                    .body("findAll { !it.active }.phone", is(List.of(mobile)))
                    .body("phone", hasItem(successor));
        } finally {
            cn.zoufang.testsupport.TestClock.reset();
        }
    }
}
