package cn.zoufang.visit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.util.KeyUtils;

/**
 * A visit the enterprise confirms, with two phones' worth of clients: the enterprise contact's app shows
 * a code, the official's app scans it, checks it offline and sends it.
 */
@QuarkusTest
class VisitConfirmationTest extends ApiTest {

    /** The enterprise's app: the code whose window holds {@code at}. */
    private static String codeShownAt(String contact, Instant at) {
        JsonPath codes = as(contact).get("/api/v1/visit-codes").then().statusCode(200).extract().jsonPath();
        List<Map<String, String>> all = codes.getList("codes");
        return all.stream()
                .filter(c -> !Instant.parse(c.get("validFrom")).isAfter(at) && Instant.parse(c.get("validUntil")).isAfter(at))
                .map(c -> c.get("code")).findFirst().orElseThrow();
    }

    private static String checkedInVisit(String enterprise) {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId(enterprise));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 10, "GPS"));
        return id;
    }

    private static io.restassured.response.ValidatableResponse confirm(String visit, String etag, String code,
            OffsetDateTime scannedAt) {
        return as(OFFICIAL_1).header("If-Match", etag).body(Map.of("code", code, "scannedAt", scannedAt.toString()))
                .post("/api/v1/visits/" + visit + "/enterprise-confirmation").then();
    }

    @Test
    void theOfficialScansTheEnterprisesCodeChecksItOfflineAndTheVisitIsConfirmed() throws Exception {
        String visit = checkedInVisit("欧菲光");
        Instant now = TestClock.instantNow();
        String code = codeShownAt(CONTACT_1, now);

        // The official's phone, offline: the cached key, the code's claims, the visit's enterprise.
        JsonPath key = as(OFFICIAL_1).get("/api/v1/visit-codes/verification-key").then().statusCode(200).extract().jsonPath();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(KeyUtils.decodePublicKey(key.getString("publicKeyPem")))
                .setExpectedIssuer(key.getString("issuer")).setExpectedAudience(key.getString("audience"))
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli())).setAllowedClockSkewInSeconds(5)
                .build().processToClaims(code);
        assertEquals(Visits.enterpriseId("欧菲光"), claims.getSubject());

        confirm(visit, "\"1\"", code, TestClock.now()).statusCode(200)
                .header("ETag", is("\"2\""))
                .body("confirmedByEnterprise", is(true))
                .body("checkInVerdict", is("ON_SITE"));
        as(CONTACT_1).get("/api/v1/visits/" + visit).then().statusCode(200).body("confirmedByEnterprise", is(true));
        as(ADMIN).queryParam("action", "VISIT_ENTERPRISE_CONFIRM").queryParam("targetId", visit).get("/api/v1/audit-events")
                .then().body("items.size()", is(1));
        // One confirmation per visit.
        confirm(visit, "\"2\"", codeShownAt(CONTACT_1, TestClock.instantNow()), TestClock.now()).statusCode(409)
                .body("code", is("INVALID_STATE"));

        // The same code again, for another visit to the same enterprise: refused, nothing changes.
        String another = checkedInVisit("欧菲光");
        confirm(another, "\"1\"", code, TestClock.now()).statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("VISIT_CODE_INVALID"))
                .body("detail", containsString("已用于其他走访"));
        as(OFFICIAL_1).get("/api/v1/visits/" + another).then().body("confirmedByEnterprise", is(false)).body("version", is(1));
    }

    @Test
    void anotherEnterprisesExpiredOrForgedCodeIsRefusedAndChangesNothing() {
        String visit = checkedInVisit("欧菲光");
        // 江铃新能源's code (CONTACT_2's enterprise) at 欧菲光.
        confirm(visit, "\"1\"", codeShownAt(CONTACT_2, TestClock.instantNow()), TestClock.now()).statusCode(422)
                .body("code", is("VISIT_CODE_INVALID")).body("detail", containsString("另一家企业"));

        // 欧菲光's first code, scanned ten seconds after its minute ended.
        JsonPath codes = as(CONTACT_1).get("/api/v1/visit-codes").then().extract().jsonPath();
        OffsetDateTime late = OffsetDateTime.parse(codes.getString("codes[0].validUntil")).plusSeconds(10);
        confirm(visit, "\"1\"", codes.getString("codes[0].code"), late).statusCode(422)
                .body("detail", containsString("已过期"));

        // A code altered by one character, and text that is no code at all.
        String code = codes.getString("codes[0].code");
        // One character inside the signature: not the last, whose low bits base64url leaves unused (changing only
        // those altered nothing, and the code was accepted about one run in a hundred).
        int at = code.length() - 10;
        String altered = code.substring(0, at) + (code.charAt(at) == 'A' ? 'B' : 'A') + code.substring(at + 1);
        confirm(visit, "\"1\"", altered, TestClock.now()).statusCode(422).body("detail", containsString("不是有效的"));
        confirm(visit, "\"1\"", "https://example.com/not-a-code", TestClock.now()).statusCode(422);
        // An access token is signed with the same key but is no visit code.
        confirm(visit, "\"1\"", token(OFFICIAL_1), TestClock.now()).statusCode(422);

        as(OFFICIAL_1).get("/api/v1/visits/" + visit).then().body("confirmedByEnterprise", is(false)).body("version", is(1));
        confirm(visit, "\"1\"", codeShownAt(CONTACT_1, TestClock.instantNow()), TestClock.now()).statusCode(200)
                .body("confirmedByEnterprise", is(true));
    }

    @Test
    void anOfflineScanIsAcceptedWhenSentWithinTheWindowAndNotAfter() {
        String visit = checkedInVisit("欧菲光");
        String tooLate = checkedInVisit("欧菲光");
        // The scans happened 30 and 73 hours ago, with no network; the phone sends them now.
        OffsetDateTime scanned30 = TestClock.now().minusHours(30);
        OffsetDateTime scanned73 = TestClock.now().minusHours(73);
        String code30 = codeAsOf(scanned30);
        String code73 = codeAsOf(scanned73);
        String at = confirm(visit, "\"1\"", code30, scanned30).statusCode(200).body("confirmedByEnterprise", is(true))
                .extract().path("enterpriseConfirmedAt");
        assertEquals(scanned30.toInstant(), OffsetDateTime.parse(at).toInstant());
        confirm(tooLate, "\"1\"", code73, scanned73).statusCode(422).body("detail", containsString("72 小时"));
        // A scan the phone dates in the future is refused too.
        confirm(tooLate, "\"1\"", codeAsOf(TestClock.now()), TestClock.now().plusMinutes(10)).statusCode(422);
    }

    /** The code 欧菲光's app showed at {@code at}: the service's clock is set back to hand it out, then restored. */
    private static String codeAsOf(OffsetDateTime at) {
        Duration back = Duration.between(at.toInstant(), TestClock.instantNow());
        TestClock.advance(back.negated());
        try {
            return codeShownAt(CONTACT_1, TestClock.instantNow());
        } finally {
            TestClock.advance(back);
        }
    }
}
