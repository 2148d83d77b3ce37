package cn.zoufang.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.directory.EnterpriseResource;
import cn.zoufang.evidence.PhotoResource;
import cn.zoufang.ledger.IssueResource;
import cn.zoufang.report.DashboardResource;
import cn.zoufang.sync.SyncResource;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The limits under the numbers production runs with (the other tests raise them): password guessing in
 * parallel, a stranger trying to lock out an official, spraying from one address and from many, a flood
 * of logins against the CPU, and the expensive actions of one account. Clients are told apart by
 * X-Forwarded-For, as behind the ingress.
 */
@QuarkusTest
@TestProfile(LimitsUnderAbuseTest.ProductionLimits.class)
class LimitsUnderAbuseTest extends ApiTest {

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Production's numbers, but for the global ceiling (1000), lowered so that a test reaches it.
            return Map.of("zoufang.web.rate-limit-scale", "1", "zoufang.auth.hashes-per-second", "50",
                    "zoufang.auth.throttle.address-max-failures", "30", "zoufang.auth.throttle.global-max-failures", "100",
                    "zoufang.auth.codes.address-per-hour", "30");
        }
    }

    private TestClock.Held held;

    @BeforeEach
    void freshCeilingAndBudgets() throws Exception {
        Db.execute("delete from login_failure_count where key = 'all'");
        // Two seconds on: every bucket of the CPU budget and the actions is full again.
        TestClock.advance(Duration.ofSeconds(2));
    }

    @AfterEach
    void release() throws Exception {
        if (held != null) {
            held.close();
            held = null;
        }
        Db.execute("delete from login_failure_count where key = 'all'");
    }

    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
    }

    private static String unknownPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static Response login(String phone, String password, String from) {
        return given().contentType("application/json").header("X-Forwarded-For", from)
                .body(Map.of("phone", phone, "password", password)).post("/api/v1/auth/login");
    }

    private static String code(Response r) {
        return r.getContentType().startsWith("application/problem+json") ? r.jsonPath().getString("code") : null;
    }

    @Test
    void guessesSentInParallelCannotPassTheLimit() throws Exception {
        String phone = unknownPhone();
        String from = address();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String guess = "guess-" + i;
            answers.add(pool.submit((Callable<Response>) () -> login(phone, guess, from)));
        }
        int refused = 0;
        int throttled = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.statusCode() == 401) {
                refused++;
            } else {
                assertEquals(429, r.statusCode(), r.asString());
                assertEquals("TOO_MANY_LOGIN_ATTEMPTS", code(r));
                throttled++;
            }
        }
        pool.shutdown();
        assertTrue(refused <= 5, refused + " guesses were checked; the limit is 5");
        assertEquals(24, refused + throttled);
    }

    @Test
    void oneAddressAsksForThirtyCodesAnHourWhateverThePhones() {
        String from = address();
        for (int i = 0; i < 30; i++) {
            given().contentType("application/json").header("X-Forwarded-For", from)
                    .body(Map.of("phone", unknownPhone(), "purpose", "LOGIN")).post("/api/v1/auth/codes")
                    .then().statusCode(202);
        }
        given().contentType("application/json").header("X-Forwarded-For", from)
                .body(Map.of("phone", unknownPhone(), "purpose", "LOGIN")).post("/api/v1/auth/codes")
                .then().statusCode(429).body("code", org.hamcrest.Matchers.is("TOO_MANY_REQUESTS"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().contentType("application/json").header("X-Forwarded-For", address())
                .body(Map.of("phone", unknownPhone(), "purpose", "LOGIN")).post("/api/v1/auth/codes")
                .then().statusCode(202);
    }

    @Test
    void aStrangerCannotLockOutAnOfficialAloneButManyAddressesTogetherCan() {
        String phone = unknownPhone();
        People.create(phone, "Right-password-1", List.of("OFFICIAL"), null, null);
        String stranger = address();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(phone, "wrong-" + i, stranger).statusCode());
        }
        Response locked = login(phone, "wrong-5", stranger);
        assertEquals(429, locked.statusCode());
        assertTrue(Integer.parseInt(locked.getHeader("Retry-After")) > 0);
        // The official, from the office, is not locked out by one stranger.
        String office = address();
        assertEquals(200, login(phone, "Right-password-1", office).statusCode());
        // Four more addresses, five guesses each: now the phone number itself is held, for everyone.
        for (int a = 0; a < 4; a++) {
            String from = address();
            for (int i = 0; i < 5; i++) {
                assertEquals(401, login(phone, "again-" + a + "-" + i, from).statusCode());
            }
        }
        Response held = login(phone, "Right-password-1", office);
        assertEquals(429, held.statusCode());
        assertEquals("TOO_MANY_LOGIN_ATTEMPTS", code(held));
    }

    @Test
    void sprayingFromOneAddressIsStopped() {
        String from = address();
        for (int i = 0; i < 30; i++) {
            assertEquals(401, login(unknownPhone(), "Zoufang@2026", from).statusCode());
        }
        // The 31st is refused unchecked, even with a real account's right password.
        assertEquals(429, login(OFFICIAL_2, PASSWORD, from).statusCode());
        assertEquals(200, login(OFFICIAL_2, PASSWORD, address()).statusCode());
    }

    @Test
    void theCeilingStopsSprayingFromManyAddresses() {
        held = TestClock.hold();
        for (int i = 0; i < 100; i++) {
            // A fortieth of a second between guesses: within the CPU budget (50 a second), so each is checked.
            TestClock.advance(Duration.ofMillis(25));
            Response r = login(unknownPhone(), "Zoufang@2026", address());
            assertEquals(401, r.statusCode(), "guess " + i + ": " + r.asString());
        }
        TestClock.advance(Duration.ofMillis(25));
        Response r = login(unknownPhone(), "Zoufang@2026", address());
        assertEquals(429, r.statusCode());
        assertEquals("TOO_MANY_LOGIN_ATTEMPTS", code(r));
    }

    @Test
    void aFloodOfLoginsIsRefusedBeforeItCostsTheCpu() {
        held = TestClock.hold();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < 60; i++) {
            Response r = login(unknownPhone(), "Zoufang@2026", address());
            if (r.statusCode() == 401) {
                checked.incrementAndGet();
            } else {
                assertEquals(429, r.statusCode());
                assertEquals("TOO_MANY_REQUESTS", code(r));
                assertEquals("1", r.getHeader("Retry-After"));
                refused.incrementAndGet();
            }
        }
        // The budget holds 50 hashes; the clock stands still, so nothing refills it.
        assertEquals(50, checked.get(), "hashed");
        assertEquals(10, refused.get(), "refused at once");
        TestClock.advance(Duration.ofSeconds(1));
        assertEquals(401, login(unknownPhone(), "Zoufang@2026", address()).statusCode());
    }

    @Test
    void anAccountsExpensiveActionsAreLimitedAndOthersAreNot() {
        held = TestClock.hold();
        for (int i = 0; i < 10; i++) {
            as(OFFICE).accept("*/*").get("/api/v1/dashboard/workbook.xlsx").then().statusCode(200);
        }
        String retryAfter = as(OFFICE).accept("*/*").get("/api/v1/dashboard/workbook.xlsx").then().statusCode(429)
                .contentType("application/problem+json").extract().header("Retry-After");
        assertEquals(6, Integer.parseInt(retryAfter), "ten a minute: the next in six seconds");
        // Exports of the ledger share the budget; another account has its own.
        as(OFFICE).accept("*/*").get("/api/v1/issues/export.xlsx").then().statusCode(429);
        as(ADMIN).accept("*/*").get("/api/v1/dashboard/workbook.xlsx").then().statusCode(200);
        TestClock.advance(Duration.ofSeconds(6));
        as(OFFICE).accept("*/*").get("/api/v1/dashboard/workbook.xlsx").then().statusCode(200);
        // A refused import is refused before the file is read.
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer " + token(ADMIN)).contentType("text/csv; charset=UTF-8")
                    .body("企业名称\n").post("/api/v1/enterprises/import").then().statusCode(400);
        }
        given().header("Authorization", "Bearer " + token(ADMIN)).contentType("text/csv; charset=UTF-8")
                .body("企业名称\n").post("/api/v1/enterprises/import").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void everyExpensiveEndpointIsLimited() throws Exception {
        List<Method> expensive = List.of(
                PhotoResource.class.getDeclaredMethod("requestUpload", java.util.UUID.class,
                        cn.zoufang.evidence.PhotoDtos.NewUpload.class),
                PhotoResource.class.getDeclaredMethod("requestIssueUpload", java.util.UUID.class,
                        cn.zoufang.evidence.PhotoDtos.NewUpload.class),
                IssueResource.class.getDeclaredMethod("register", cn.zoufang.ledger.IssueDtos.NewIssue.class,
                        jakarta.ws.rs.core.UriInfo.class),
                IssueResource.class.getDeclaredMethod("export", cn.zoufang.ledger.IssueFilterParams.class),
                DashboardResource.class.getDeclaredMethod("workbook", String.class, String.class),
                cn.zoufang.bulletin.BulletinResource.class.getDeclaredMethod("document", String.class, String.class, String.class),
                cn.zoufang.meeting.MeetingResource.class.getDeclaredMethod("document", java.util.UUID.class, String.class),
                SyncResource.class.getDeclaredMethod("sync", String.class, Integer.class),
                EnterpriseResource.class.getDeclaredMethod("importCsv", byte[].class));
        for (Method m : expensive) {
            assertTrue(m.isAnnotationPresent(RateLimited.class), m + " has no rate limit");
        }
    }
}
