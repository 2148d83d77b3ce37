package cn.zoufang.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.zoufang.testsupport.TestClock;
import cn.zoufang.demo.DemoData;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.LocalServices;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Calls every operation of api-spec/openapi.yaml as every kind of caller, on objects in and out of
 * their scope, and checks each answer against src/test/resources/authz/matrix.tsv. A new endpoint
 * without its row fails here. Also checks fields some callers must never see.
 */
@QuarkusTest
class AuthorizationMatrixTest extends ApiTest {

    static final List<String> ACTORS = List.of("ANON", "ADMIN", "OFFICE", "DESK", "LEADER1", "OFFICIAL1", "OFFICIAL2",
            "DEPARTMENT", "CONTACT1", "CONTACT2");
    static final Map<String, String> PHONES = Map.of("ADMIN", DemoData.ADMIN, "OFFICE", DemoData.OFFICE, "DESK",
            DemoData.DESK, "LEADER1", DemoData.LEADER_1, "OFFICIAL1", DemoData.OFFICIAL_1, "OFFICIAL2",
            DemoData.OFFICIAL_2, "DEPARTMENT", DemoData.DEPARTMENT, "CONTACT1", DemoData.CONTACT_1, "CONTACT2",
            DemoData.CONTACT_2);

    record Row(String method, String path, Map<String, String> expected) {
    }

    static List<Row> matrix() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : new String(AuthorizationMatrixTest.class.getResourceAsStream("/authz/matrix.tsv").readAllBytes(),
                StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            assertEquals(2 + ACTORS.size(), cells.length, line);
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < ACTORS.size(); i++) {
                expected.put(ACTORS.get(i), cells[i + 2]);
            }
            rows.add(new Row(cells[0], cells[1], expected));
        }
        return rows;
    }

    static Set<String> operations() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(LocalServices.projectDir()
                .resolve("api-spec/openapi.yaml").toFile());
        Set<String> ops = new LinkedHashSet<>();
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(m)) {
                ops.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        return ops;
    }

    @Test
    void everyOperationOfTheContractHasItsRow() throws Exception {
        Set<String> inTable = new LinkedHashSet<>();
        matrix().forEach(r -> inTable.add(r.method() + " " + r.path()));
        Set<String> missing = new LinkedHashSet<>(operations());
        missing.removeAll(inTable);
        assertTrue(missing.isEmpty(), "operations without a row in authz/matrix.tsv: " + missing);
        Set<String> stale = new LinkedHashSet<>(inTable);
        stale.removeAll(operations());
        assertTrue(stale.isEmpty(), "rows for operations the contract no longer has: " + stale);
    }

    @Test
    void everyCallerGetsWhatTheTableSays() throws Exception {
        Map<String, String> ids = fixtures();
        List<String> wrong = new ArrayList<>();
        for (Row row : matrix()) {
            String path = row.path();
            for (Map.Entry<String, String> p : ids.entrySet()) {
                path = path.replace(p.getKey(), p.getValue());
            }
            if (row.path().startsWith("/api/v1/groups/{id}") || row.path().startsWith("/api/v1/groups/{groupId}")) {
                path = row.path().replace("{id}", ids.get("{group}")).replace("{groupId}", ids.get("{group}"))
                        .replace("{accountId}", UUID.randomUUID().toString()).replace("{month}", ids.get("{month}"))
                        .replace("{version}", "1");
            }
            if (row.path().equals("/api/v1/reports")) {
                path = path + "?month=" + ids.get("{month}");
            }
            for (String actor : ACTORS) {
                RequestSpecification request = given().accept("*/*");
                if (!actor.equals("ANON")) {
                    request = request.header("Authorization", "Bearer " + token(PHONES.get(actor)));
                }
                if (row.path().endsWith("/import")) {
                    request = request.contentType("text/csv; charset=UTF-8").body("企业名称\n");
                } else if (!row.method().equals("GET") && !row.method().equals("DELETE")) {
                    request = request.contentType("application/json").body("{}");
                }
                Response answer = request.request(row.method(), path);
                int status = answer.statusCode();
                String want = row.expected().get(actor);
                boolean ok = status < 500 && (want.equals("pass") ? status != 401 && status != 403
                        : status == Integer.parseInt(want));
                if (!ok) {
                    wrong.add(row.method() + " " + row.path() + " as " + actor + ": " + status + ", table says " + want);
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " answers differ from the table:\n" + String.join("\n", wrong));
    }

    @Test
    void fieldsSomeCallersMustNotSee() throws Exception {
        Map<String, String> ids = fixtures();
        // Contact phones are masked in the office's and departments' lists.
        for (String phone : List.of(OFFICE, DEPARTMENT)) {
            List<String> phones = as(phone).queryParam("limit", 100).get("/api/v1/enterprises").then().statusCode(200)
                    .extract().jsonPath().getList("items.contactPhone");
            assertTrue(phones.stream().allMatch(p -> p == null || p.contains("*")), phone + " saw " + phones);
        }
        // The enterprise sees that the visit happened, not where the official stood or what was noted.
        as(CONTACT_1).get("/api/v1/visits/" + ids.get("{visit}")).then().statusCode(200)
                .body("detail", org.hamcrest.Matchers.nullValue());
        // The enterprise's timeline has no internal notes and no government staff.
        List<Map<String, Object>> steps = as(CONTACT_1).get("/api/v1/issues/" + ids.get("{issue}") + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> step : steps) {
            if ("FORWARD".equals(step.get("action"))) {
                assertEquals(null, step.get("text"));
                assertEquals(null, step.get("actor"));
            }
        }
    }

    private static Map<String, String> fixture;

    /** Group 1's objects the table speaks of. */
    private Map<String, String> fixtures() throws Exception {
        if (fixture != null) {
            return fixture;
        }
        String enterprise = Visits.enterpriseId("欧菲光");
        String visit = Visits.plan(OFFICIAL_1, enterprise);
        Visits.checkIn(OFFICIAL_1, visit, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        var slot = as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/visits/" + visit + "/photos").then().statusCode(201).extract().jsonPath();
        assertEquals(200, TestPhotos.put(slot.getString("uploadUrl"), slot.getMap("headers"), photo));
        String photoId = slot.getString("photo.id");
        as(OFFICIAL_1).body(Map.of("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo))))
                .post("/api/v1/photos/" + photoId + "/confirm").then().statusCode(200);
        String issue = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", issue, "enterpriseId", enterprise, "category", "POLICY", "title", "权限矩阵测试",
                "description", "权限矩阵测试")).post("/api/v1/issues").then().statusCode(201);
        String economy = Fixtures.departmentId("区经发局");
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);
        String group = Fixtures.groupOf(LEADER_1);
        String month = TestClock.thisMonth().minusMonths(6).toString();
        as(LEADER_1).body(Map.of("progress", "权限矩阵测试")).put("/api/v1/groups/" + group + "/reports/" + month)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/enterprises/{id}", "/api/v1/enterprises/" + enterprise);
        ids.put("/api/v1/visits/{id}", "/api/v1/visits/" + visit);
        ids.put("/api/v1/issues/{id}", "/api/v1/issues/" + issue);
        ids.put("/api/v1/photos/{id}", "/api/v1/photos/" + photoId);
        ids.put("/api/v1/assignments/{id}", "/api/v1/assignments/" + UUID.randomUUID());
        ids.put("/api/v1/inbox/{id}", "/api/v1/inbox/" + UUID.randomUUID());
        ids.put("/api/v1/admin/push-deliveries/{id}", "/api/v1/admin/push-deliveries/0");
        ids.put("{installationId}", UUID.randomUUID().toString());
        ids.put("{year}", "2026");
        ids.put("{code}", "POLICY");
        ids.put("{group}", group);
        ids.put("{month}", month);
        ids.put("{visit}", visit);
        ids.put("{issue}", issue);
        fixture = ids;
        return ids;
    }
}
