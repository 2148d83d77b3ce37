package cn.zoufang.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * What a hostile or unlucky client sends gets a clear 4xx that names what is wrong, never a 5xx, and
 * changes nothing: text PostgreSQL cannot store, values of the wrong JSON type, impossible dates, bad query
 * parameters, oversize bodies sent in chunks, overlong addresses.
 */
@QuarkusTest
class HostileInputTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    private static ValidatableResponse fieldRefused(ValidatableResponse answer, String field, String fieldCode) {
        return answer.statusCode(400).contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is(field))
                .body("errors[0].code", is(fieldCode));
    }

    private static Map<String, Object> newIssue(String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        m.put("enterpriseId", Visits.enterpriseId("欧菲光"));
        m.put("category", "POLICY");
        m.put("title", title);
        m.put("description", "说明");
        return m;
    }

    @Test
    void textWithANulCharacterIsRefusedWithItsFieldAndNothingIsWritten() throws Exception {
        long issues = Db.count("select count(*) from issue");
        long audit = Db.count("select count(*) from audit_event");
        fieldRefused(invalid().body(Map.of("phone", "1380000\u00000005", "password", PASSWORD))
                .post("/api/v1/auth/login").then(), "phone", "FORMAT");
        fieldRefused(invalidAs(CONTACT_1).body(newIssue("路灯\u0000损坏")).post("/api/v1/issues").then(), "title", "FORMAT");
        Map<String, Object> visit = Visits.newVisit(UUID.randomUUID().toString(), Visits.enterpriseId("欧菲光"));
        visit.put("purpose", "了解\u0000情况");
        fieldRefused(invalidAs(OFFICIAL_1).body(visit).post("/api/v1/visits").then(), "purpose", "FORMAT");
        // Half a surrogate pair cannot be stored as sent either.
        fieldRefused(invalidAs(CONTACT_1).body(newIssue("坏的\ud800字")).post("/api/v1/issues").then(), "title", "FORMAT");
        // Nor in a query parameter, where it would reach a filter.
        fieldRefused(invalidAs(OFFICE).queryParam("name", "欧\u0000菲").get("/api/v1/enterprises").then(), "name", "FORMAT");
        assertEquals(issues, Db.count("select count(*) from issue"));
        assertEquals(audit, Db.count("select count(*) from audit_event"), "a refused write left an audit row");
    }

    @Test
    void aCsvImportWithANulOrAnUnclosedQuoteIsRefusedAndImportsNothing() throws Exception {
        long enterprises = Db.count("select count(*) from enterprise");
        String header = "企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,联系人,联系电话\n";
        given().header("Authorization", "Bearer " + token(OFFICE)).contentType("text/csv; charset=UTF-8")
                .body(header + "空字符\u0000企业,91360100000000401X,规上工业,电子信息,蛟桥镇,测试路 1 号,28.7,115.8,张三,0791-88888888\n")
                .post("/api/v1/enterprises/import").then().statusCode(400)
                .body("code", is("IMPORT_ROWS_INVALID"))
                .body("errors[0].field", is("企业名称")).body("errors[0].code", is("FORMAT")).body("errors[0].row", is(2));
        given().header("Authorization", "Bearer " + token(OFFICE)).contentType("text/csv; charset=UTF-8")
                .body(header + "\"引号没有闭合的企业,91360100000000401X,规上工业,电子信息,蛟桥镇,测试路,28.7,115.8,张三,0791\n")
                .post("/api/v1/enterprises/import").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("VALIDATION_FAILED"))
                .body("detail", startsWith("无法读取 CSV"));
        assertEquals(enterprises, Db.count("select count(*) from enterprise"));
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNotCoerced() {
        Map<String, Object> numberForText = newIssue("x");
        numberForText.put("title", 123);
        fieldRefused(invalidAs(CONTACT_1).body(numberForText).post("/api/v1/issues").then(), "title", "FORMAT");
        Map<String, Object> textForBoolean = newIssue("加急测试");
        textForBoolean.put("urgent", "true");
        fieldRefused(invalidAs(DESK).body(textForBoolean).post("/api/v1/issues").then(), "urgent", "FORMAT");
        Map<String, Object> enumByNumber = Visits.newVisit(UUID.randomUUID().toString(), Visits.enterpriseId("欧菲光"));
        enumByNumber.put("kind", 0);
        fieldRefused(invalidAs(OFFICIAL_1).body(enumByNumber).post("/api/v1/visits").then(), "kind", "FORMAT");
        fieldRefused(invalidAs(OFFICE).body(Map.of("name", "整数测试", "deadlineDays", 10.5, "urgentDeadlineDays", 3,
                "sortOrder", 1)).put("/api/v1/issue-categories/FLOAT_TEST").then(), "deadlineDays", "FORMAT");
        fieldRefused(invalidAs(OFFICE).body(Map.of("name", "整数测试", "deadlineDays", "10", "urgentDeadlineDays", 3,
                "sortOrder", 1)).put("/api/v1/issue-categories/FLOAT_TEST").then(), "deadlineDays", "FORMAT");
        as(OFFICE).get("/api/v1/issue-categories").then().body("find { it.code == 'FLOAT_TEST' }", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void datesMustBeRealCalendarDatesInASaneRange() {
        String enterprise = Visits.enterpriseId("欧菲光");
        for (Object bad : new Object[] { 20261128, "2026-02-30", "2026-13-01", "26-11-28", "" }) {
            Map<String, Object> visit = Visits.newVisit(UUID.randomUUID().toString(), enterprise);
            visit.put("plannedDate", bad);
            fieldRefused(invalidAs(OFFICIAL_1).body(visit).post("/api/v1/visits").then(), "plannedDate", "FORMAT");
        }
        Map<String, Object> farFuture = Visits.newVisit(UUID.randomUUID().toString(), enterprise);
        farFuture.put("plannedDate", "+10000-01-01");
        fieldRefused(invalidAs(OFFICIAL_1).body(farFuture).post("/api/v1/visits").then(), "plannedDate", "RANGE");
        Map<String, Object> nextDecade = Visits.newVisit(UUID.randomUUID().toString(), enterprise);
        nextDecade.put("plannedDate", TestClock.today().plusYears(10).toString());
        fieldRefused(invalidAs(OFFICIAL_1).body(nextDecade).post("/api/v1/visits").then(), "plannedDate", "RANGE");
        // Nothing of it reached the group's lists.
        as(OFFICIAL_1).queryParam("limit", 100).get("/api/v1/visits").then().log().ifValidationFails().statusCode(200)
                .body("items.findAll { it.plannedDate > '2090' }.size()", is(0));
    }

    @Test
    void anEmptyWorkCalendarIsRefused() {
        String etag = as(OFFICE).get("/api/v1/work-calendar/2031").then().statusCode(200).extract().header("ETag");
        fieldRefused(invalidAs(OFFICE).header("If-Match", etag).body(Map.of("source", "国办发明电〔2030〕1号", "days",
                java.util.List.of())).put("/api/v1/work-calendar/2031").then(), "days", "REQUIRED");
        as(OFFICE).get("/api/v1/work-calendar/2031").then().body("sourced", is(false));
    }

    @Test
    void badQueryParametersAreNamed() {
        fieldRefused(invalidAs(OFFICIAL_1).queryParam("limit", "abc").get("/api/v1/issues").then(), "limit", "FORMAT");
        fieldRefused(invalidAs(OFFICIAL_1).queryParam("limit", "1.5").get("/api/v1/enterprises").then(), "limit", "FORMAT");
        fieldRefused(invalidAs(OFFICIAL_1).queryParam("mine", "yes").get("/api/v1/visits").then(), "mine", "FORMAT");
        fieldRefused(invalidAs(OFFICE).queryParam("months", "twelve").get("/api/v1/dashboard/trend").then(), "months", "FORMAT");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413LikeADeclaredOne() throws Exception {
        byte[] body = ("{\"phone\":\"" + "1".repeat(300_000) + "\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        // No length given: the body comes in chunks.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("PAYLOAD_TOO_LARGE", JSON.readTree(answer.body()).path("code").asText());
        assertTrue(answer.headers().firstValue("Date").isPresent(), "413 without Date");
        // A small chunked body is read as usual.
        byte[] small = ("{\"phone\":\"" + OFFICIAL_1 + "\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void anOverlongAddressIs414AsProblemJsonWithItsRequestId() throws Exception {
        for (int length : new int[] { 10_000, 100_000 }) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.resolve("/api/v1/enterprises?name=" + "a".repeat(length)))
                    .header("X-Request-Id", "long-url-test-" + length).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(414, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals("URI_TOO_LONG", problem.path("code").asText());
            assertEquals("long-url-test-" + length, problem.path("requestId").asText());
            assertTrue(answer.headers().firstValue("Date").isPresent(), "414 without Date");
        }
    }

    @Test
    void everyAnswerHasDateAndTheBrowserHeaders() {
        for (String path : new String[] { "/api/v1/me", "/console/", "/api/v1/nothing-here" }) {
            given().get(path).then().header("Date", notNullValue())
                    .header("X-Content-Type-Options", is("nosniff"))
                    .header("Referrer-Policy", is("no-referrer"))
                    .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline")));
        }
        given().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
    }
}
