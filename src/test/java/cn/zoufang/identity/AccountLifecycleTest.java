package cn.zoufang.identity;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.People.Person;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/** The admin keeps accounts over their life: initial passwords, roles, disabling, sessions, reset codes. */
@QuarkusTest
class AccountLifecycleTest extends ApiTest {

    @Inject
    SessionGate gate;

    private static String etag(String account) {
        return as(ADMIN).get("/api/v1/accounts/" + account).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void anInitialPasswordMustBeChangedBeforeAnySessionStartsAndTheNewOneMustPassThePolicy() {
        String phone = People.newPhone();
        as(ADMIN).body(Map.of("phone", phone, "displayName", "新干部", "password", "Chushi-Mima-2026", "roles", List.of("OFFICIAL")))
                .post("/api/v1/accounts").then().statusCode(201).body("passwordChangeRequired", is(true))
                .body("activated", is(true));
        api().body(Map.of("phone", phone, "password", "Chushi-Mima-2026")).post("/api/v1/auth/login")
                .then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        for (String weak : List.of("Password2026!", "abcdefghijkl", "Xx" + phone + "!", "Short-1a")) {
            api().body(Map.of("phone", phone, "password", "Chushi-Mima-2026", "newPassword", weak))
                    .post("/api/v1/auth/password-change").then().statusCode(400)
                    .body("errors[0].field", is("newPassword"))
                    .body("errors[0].code", is(weak.length() < 10 ? "LENGTH" : "WEAK_PASSWORD"));
        }
        api().body(Map.of("phone", phone, "password", "Chushi-Mima-2026", "newPassword", "Chushi-Mima-2026"))
                .post("/api/v1/auth/password-change").then().statusCode(400).body("errors[0].code", is("WEAK_PASSWORD"));
        api().body(Map.of("phone", phone, "password", "wrong-Password-1", "newPassword", People.STRONG))
                .post("/api/v1/auth/password-change").then().statusCode(401).body("code", is("BAD_CREDENTIALS"));
        String access = api().body(Map.of("phone", phone, "password", "Chushi-Mima-2026", "newPassword", People.STRONG))
                .post("/api/v1/auth/password-change").then().statusCode(200).extract().path("accessToken");
        People.bearer(access).get("/api/v1/me").then().statusCode(200).body("phone", is(phone));
        api().body(Map.of("phone", phone, "password", "Chushi-Mima-2026")).post("/api/v1/auth/login")
                .then().statusCode(401);
        People.login(phone, People.STRONG);
    }

    @Test
    void changingOnesPasswordEndsTheOtherLogins() {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        JsonPath other = People.login(p.phone(), p.password());
        api().body(Map.of("phone", p.phone(), "password", p.password(), "newPassword", "Another-Strong-2026"))
                .post("/api/v1/auth/password-change").then().statusCode(200);
        People.bearer(other.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        api().body(Map.of("refreshToken", other.getString("refreshToken"))).post("/api/v1/auth/refresh")
                .then().statusCode(401);
    }

    @Test
    void disablingEndsEverySessionAtOnceAndHandsThePlannedVisitsToAColleague() throws Throwable {
        // A group of its own (group 1's members are counted by other tests), with an enterprise assigned.
        Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        Person leaving = People.create(List.of("OFFICIAL"), null, null);
        Person colleague = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", "交接测试小组" + leaving.phone(), "leaderId", leader.id(),
                "memberIds", List.of(leaving.id(), colleague.id()))).post("/api/v1/groups").then().statusCode(201)
                .extract().path("id");
        String enterprise = as(OFFICE).body(Fixtures.enterprise("交接测试企业" + leaving.phone(),
                cn.zoufang.demo.DemoData.demoCreditCode(2000 + Integer.parseInt(leaving.phone().substring(8)))))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", enterprise, "startDate", TestClock.today().minusDays(1).toString()))
                .post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);
        String visit = java.util.UUID.randomUUID().toString();
        People.bearer(leaving.accessToken())
                .body(Map.of("id", visit, "enterpriseId", enterprise, "kind", "REGULAR",
                        "plannedDate", TestClock.today().plusDays(3).toString(), "purpose", "交接前计划的走访"))
                .post("/api/v1/visits").then().statusCode(201);

        String device = java.util.UUID.randomUUID().toString();
        People.bearer(leaving.accessToken()).body(Map.of("token", "leaving-" + device, "platform", "ANDROID", "provider", "FCM"))
                .put("/api/v1/devices/" + device).then().statusCode(200);

        // Stale or missing If-Match changes nothing.
        invalidAs(ADMIN).body(Map.of("reason", "调离")).post("/api/v1/accounts/" + leaving.id() + "/disable")
                .then().statusCode(428);
        as(ADMIN).header("If-Match", "\"999\"").body(Map.of("reason", "调离"))
                .post("/api/v1/accounts/" + leaving.id() + "/disable").then().statusCode(412);
        People.bearer(leaving.accessToken()).get("/api/v1/me").then().statusCode(200);

        as(ADMIN).header("If-Match", etag(leaving.id())).body(Map.of("reason", "调离", "successorId", colleague.id()))
                .post("/api/v1/accounts/" + leaving.id() + "/disable").then().statusCode(200)
                .body("active", is(false));
        People.bearer(leaving.accessToken()).get("/api/v1/me").then().statusCode(401).body("code", is("UNAUTHENTICATED"));
        api().body(Map.of("refreshToken", leaving.refreshToken())).post("/api/v1/auth/refresh").then().statusCode(401);
        api().body(Map.of("phone", leaving.phone(), "password", leaving.password())).post("/api/v1/auth/login")
                .then().statusCode(401);
        assertEquals(colleague.id(), Db.text("select created_by::text from visit where id = '" + visit + "'"));
        People.bearer(colleague.accessToken()).get("/api/v1/visits/" + visit)
                .then().statusCode(200);
        assertEquals(0, Db.count("select count(*) from group_member where account_id = '" + leaving.id() + "'"));
        // The phone is no longer pushed to: it may be in someone else's hands now.
        assertEquals(0, Db.count("select count(*) from device where active and id = '" + device + "'"));
        as(ADMIN).queryParam("action", "ACCOUNT_DISABLE").queryParam("targetId", leaving.id()).get("/api/v1/audit-events")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].detail", org.hamcrest.Matchers.containsString("调离"));

        // Enabled again, it may log in; it is not put back into its groups.
        as(ADMIN).header("If-Match", etag(leaving.id())).post("/api/v1/accounts/" + leaving.id() + "/enable")
                .then().statusCode(200).body("active", is(true));
        People.login(leaving.phone(), leaving.password());
    }

    @Test
    void anotherReplicasDisablingReachesThisOneFromTheDatabase() throws Throwable {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(200);
        // As another replica would: the epoch raised in the database, nothing told to this one's memory.
        Db.execute("update account set token_epoch = token_epoch + 1, token_epoch_at = now() where id = '" + p.id() + "'");
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(200);
        VertxContextSupport.subscribeAndAwait(() -> gate.reload());
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aRoleChangeRefusesTheOldTokenAndTheNextRefreshCarriesTheNewRoles() {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        People.bearer(p.accessToken()).get("/api/v1/accounts").then().statusCode(403);
        as(ADMIN).header("If-Match", etag(p.id()))
                .body(Map.of("phone", p.phone(), "displayName", "升任办公室", "roles", List.of("OFFICE")))
                .put("/api/v1/accounts/" + p.id()).then().statusCode(200).body("roles", is(List.of("OFFICE")));
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(401);
        String access = api().body(Map.of("refreshToken", p.refreshToken())).post("/api/v1/auth/refresh")
                .then().statusCode(200).extract().path("accessToken");
        People.bearer(access).get("/api/v1/accounts").then().statusCode(200);
        as(ADMIN).queryParam("action", "ACCOUNT_UPDATE").queryParam("targetId", p.id()).get("/api/v1/audit-events")
                .then().statusCode(200).body("items[0].detail", org.hamcrest.Matchers.containsString("[OFFICIAL] → [OFFICE]"));
        // A handler needs a unit; a taken phone is a conflict.
        as(ADMIN).header("If-Match", etag(p.id()))
                .body(Map.of("phone", p.phone(), "displayName", "x", "roles", List.of("DEPARTMENT_HANDLER")))
                .put("/api/v1/accounts/" + p.id()).then().statusCode(400).body("errors[0].field", is("departmentId"));
        as(ADMIN).header("If-Match", etag(p.id()))
                .body(Map.of("phone", OFFICIAL_1, "displayName", "x", "roles", List.of("OFFICE")))
                .put("/api/v1/accounts/" + p.id()).then().statusCode(409).body("code", is("DUPLICATE_PHONE"));
        retire(p);
    }

    /** A second office account would receive the office's notifications that other tests count. */
    static void retire(Person p) {
        as(ADMIN).header("If-Match", etag(p.id())).body(Map.of("reason", "测试结束"))
                .post("/api/v1/accounts/" + p.id() + "/disable").then().statusCode(200);
    }

    @Test
    void theLastAdminAndOneselfCannotBeDisabled() {
        String me = as(ADMIN).get("/api/v1/me").then().statusCode(200).extract().path("id");
        as(ADMIN).header("If-Match", etag(me)).body(Map.of()).post("/api/v1/accounts/" + me + "/disable")
                .then().statusCode(409).body("code", is("INVALID_STATE"));
        String leader = as(LEADER_1).get("/api/v1/me").then().statusCode(200).extract().path("id");
        as(ADMIN).header("If-Match", etag(leader)).body(Map.of()).post("/api/v1/accounts/" + leader + "/disable")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("组长"));
    }

    @Test
    void aUserListsTheirLoginsAndEndsAnotherDevicesOne() {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        JsonPath phone2 = People.login(p.phone(), p.password());
        List<Map<String, Object>> sessions = People.bearer(p.accessToken()).get("/api/v1/me/sessions")
                .then().statusCode(200).extract().path("$");
        assertEquals(2, sessions.size());
        String other = sessions.stream().filter(s -> !(Boolean) s.get("current")).findFirst().orElseThrow().get("id").toString();
        // Another account's session is not found.
        as(OFFICIAL_1).delete("/api/v1/me/sessions/" + other).then().statusCode(404);
        People.bearer(p.accessToken()).delete("/api/v1/me/sessions/" + other).then().statusCode(204);
        People.bearer(phone2.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        api().body(Map.of("refreshToken", phone2.getString("refreshToken"))).post("/api/v1/auth/refresh").then().statusCode(401);
        People.bearer(p.accessToken()).get("/api/v1/me/sessions").then().statusCode(200).body("$", hasSize(1))
                .body("[0].current", is(true));
        // The admin ends all of them.
        as(ADMIN).get("/api/v1/accounts/" + p.id() + "/sessions").then().statusCode(200).body("$", hasSize(1));
        as(ADMIN).delete("/api/v1/accounts/" + p.id() + "/sessions").then().statusCode(204);
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(401);
        api().body(Map.of("refreshToken", p.refreshToken())).post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void theAdminsResetCodeSetsANewPasswordOnceAndFiveWrongTriesBurnIt() {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        as(OFFICE).post("/api/v1/accounts/" + p.id() + "/reset-code").then().statusCode(403);
        String code = as(ADMIN).post("/api/v1/accounts/" + p.id() + "/reset-code").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().path("code");
        assertEquals(8, code.length());
        api().body(Map.of("phone", p.phone(), "code", "00000000".equals(code) ? "11111111" : "00000000", "newPassword", "Reset-By-Admin-26"))
                .post("/api/v1/auth/password-reset").then().statusCode(401).body("code", is("CODE_INVALID"));
        api().body(Map.of("phone", p.phone(), "code", code, "newPassword", "Reset-By-Admin-26"))
                .post("/api/v1/auth/password-reset").then().statusCode(200);
        People.bearer(p.accessToken()).get("/api/v1/me").then().statusCode(401);
        People.login(p.phone(), "Reset-By-Admin-26");
        // Used once.
        api().body(Map.of("phone", p.phone(), "code", code, "newPassword", "Reset-Again-2026x"))
                .post("/api/v1/auth/password-reset").then().statusCode(401).body("code", is("CODE_INVALID"));

        String second = as(ADMIN).post("/api/v1/accounts/" + p.id() + "/reset-code").then().statusCode(201).extract().path("code");
        String wrong = second.equals("12345678") ? "87654321" : "12345678";
        for (int i = 1; i <= 4; i++) {
            api().body(Map.of("phone", p.phone(), "code", wrong, "newPassword", "Reset-Again-2026x"))
                    .post("/api/v1/auth/password-reset").then().statusCode(401);
        }
        api().body(Map.of("phone", p.phone(), "code", wrong, "newPassword", "Reset-Again-2026x"))
                .post("/api/v1/auth/password-reset").then().statusCode(429).body("code", is("TOO_MANY_CODE_ATTEMPTS"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        api().body(Map.of("phone", p.phone(), "code", second, "newPassword", "Reset-Again-2026x"))
                .post("/api/v1/auth/password-reset").then().statusCode(429);
        People.login(p.phone(), "Reset-By-Admin-26");
    }

    @Test
    void theAccountListFiltersByStateUnitAndText() {
        Person p = People.create(List.of("OFFICIAL"), null, null);
        as(OFFICE).queryParam("q", p.phone().substring(0, 9)).get("/api/v1/accounts").then().statusCode(200)
                .body("items.id", hasItem(p.id()));
        as(OFFICE).queryParam("active", "false").queryParam("q", p.phone()).get("/api/v1/accounts").then().statusCode(200)
                .body("items", hasSize(0));
        String department = Fixtures.departmentId("区经发局");
        as(OFFICE).queryParam("departmentId", department).get("/api/v1/accounts").then().statusCode(200)
                .body("items.phone", hasItem(DEPARTMENT));
        invalidAs(OFFICE).queryParam("active", "yes").get("/api/v1/accounts").then().statusCode(400)
                .body("errors[0].field", is("active"));
    }
}
