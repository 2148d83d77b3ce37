package cn.zoufang.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.zoufang.demo.DemoData;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.LocalServices;
import cn.zoufang.testsupport.TestClock;
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

    /**
     * Credit codes of the enterprises the matrix makes: a range of its own (8000 on), never a random one that
     * could meet another test's (SyncTest counts from 7000: a random pick met it one run in forty).
     */
    private static final java.util.concurrent.atomic.AtomicInteger CREDIT_CODES =
            new java.util.concurrent.atomic.AtomicInteger(8000);


    static final List<String> ACTORS = List.of("ANON", "ADMIN", "OFFICE", "DESK", "LEADER1", "OFFICIAL1", "OFFICIAL2",
            "DEPARTMENT", "CONTACT1", "CONTACT2", "INSPECTOR");
    static final Map<String, String> PHONES = Map.of("ADMIN", DemoData.ADMIN, "OFFICE", DemoData.OFFICE, "DESK",
            DemoData.DESK, "LEADER1", DemoData.LEADER_1, "OFFICIAL1", DemoData.OFFICIAL_1, "OFFICIAL2",
            DemoData.OFFICIAL_2, "DEPARTMENT", DemoData.DEPARTMENT, "CONTACT1", DemoData.CONTACT_1, "CONTACT2",
            DemoData.CONTACT_2, "INSPECTOR", DemoData.INSPECTOR);

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

    /** The valid request of each write (authz/requests.json), by "METHOD path". */
    static JsonNode requests() throws Exception {
        return new ObjectMapper().readTree(AuthorizationMatrixTest.class.getResourceAsStream("/authz/requests.json"));
    }

    @Test
    void everyWriteHasAValidRequest() throws Exception {
        JsonNode requests = requests();
        List<String> missing = new ArrayList<>();
        for (Row row : matrix()) {
            if (!row.method().equals("GET") && !requests.has(row.method() + " " + row.path())) {
                missing.add(row.method() + " " + row.path());
            }
        }
        assertTrue(missing.isEmpty(), "writes without a valid request in authz/requests.json: " + missing);
    }

    /** The concrete address of a row: its objects are group 1's (see matrix.tsv). */
    private static String address(Row row, Map<String, String> ids) {
        String path = row.path();
        if (path.startsWith("/api/v1/groups/{id}") || path.startsWith("/api/v1/groups/{groupId}")) {
            path = path.replace("{id}", ids.get("{group}")).replace("{groupId}", ids.get("{group}"))
                    .replace("{accountId}", ids.get("{spareOfficialId}")).replace("{month}", ids.get("{month}"))
                    .replace("{version}", "1");
        } else if (path.startsWith("/api/v1/assignments/{id}")) {
            path = path.replace("{id}", ids.get("{spareAssignmentId}"));
        }
        for (Map.Entry<String, String> p : ids.entrySet()) {
            if (p.getKey().startsWith("/")) {
                path = path.replace(p.getKey(), p.getValue());
            }
        }
        for (String key : List.of("{installationId}", "{year}", "{code}", "{accountId}", "{period}")) {
            path = path.replace(key, ids.get(key));
        }
        // Nobody who calls the API knows the SMS status reports' secret path.
        path = path.replace("{secret}", "not-the-secret");
        if (row.path().equals("/api/v1/reports")) {
            path = path + "?month=" + ids.get("{month}");
        }
        if (row.path().equals("/api/v1/dashboard/periods/{period}/rows")) {
            path = path + "?metric=visitsCompleted&dimension=ZONE";
        }
        if (row.path().equals("/api/v1/indicators/actuals")) {
            path = path + "?year=" + ids.get("{year}") + "&indicator=MAIN_REVENUE";
        }
        return path;
    }

    /** Fills a request's placeholders; some make a fresh object or token on every call. */
    private String fill(String template, String actor, Map<String, String> ids) {
        String out = template;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        out = out.replace("{myPhone}", actor.equals("ANON") ? OFFICIAL_1 : PHONES.get(actor));
        while (out.contains("{newId}")) {
            out = out.replaceFirst("\\{newId\\}", UUID.randomUUID().toString());
        }
        out = out.replace("{newPhone}", "199" + String.format("%08d", r.nextInt(100_000_000)));
        out = out.replace("{newName}", "矩阵测试" + UUID.randomUUID().toString().substring(0, 8));
        out = out.replace("{newCreditCode}", DemoData.demoCreditCode(CREDIT_CODES.getAndIncrement()));
        out = out.replace("{newToken}", "matrix-" + UUID.randomUUID());
        out = out.replace("{today}", TestClock.today().toString()).replace("{now}", TestClock.now().toString());
        if (out.contains("{visitCode}")) {
            // The code 欧菲光's app shows now.
            out = out.replace("{visitCode}", as(CONTACT_1).get("/api/v1/visit-codes").then().statusCode(200)
                    .extract().<String>path("codes[0].code"));
        }
        if (out.contains("{refreshToken}")) {
            out = out.replace("{refreshToken}", api().body(Map.of("phone", OFFICIAL_1, "password", PASSWORD))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().<String>path("refreshToken"));
        }
        for (Map.Entry<String, String> p : ids.entrySet()) {
            if (p.getKey().startsWith("{")) {
                out = out.replace(p.getKey(), p.getValue());
            }
        }
        return out;
    }

    /** The valid request of a write as the given caller: body (JSON or CSV) and If-Match with the current ETag. */
    private RequestSpecification prepared(Row row, String actor, String path, Map<String, String> ids) throws Exception {
        RequestSpecification request = given().accept("*/*");
        if (!actor.equals("ANON")) {
            request = request.header("Authorization", "Bearer " + token(PHONES.get(actor)));
        }
        JsonNode spec = requests().path(row.method() + " " + row.path());
        if (spec.has("etag")) {
            String etag = as(OFFICE).get(address(new Row("GET", spec.get("etag").asText(), Map.of()), ids)).header("ETag");
            request = request.header("If-Match", etag == null ? "\"0\"" : etag);
        }
        if (spec.has("csv")) {
            request = request.contentType("text/csv; charset=UTF-8").body(fill(spec.get("csv").asText(), actor, ids));
        } else if (spec.has("xlsx")) {
            request = request.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .body(statisticsSheet(ids.get("{enterpriseCreditCode}"), ids.get("{period}")));
        } else if (spec.has("jpeg")) {
            request = request.contentType("image/jpeg").body(TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG,
                    TestClock.chinaNow()));
        } else if (spec.has("body")) {
            String template = spec.get("body").isTextual() ? ids.get(spec.get("body").asText())
                    : spec.get("body").toString();
            request = request.contentType("application/json").body(fill(template, actor, ids));
        }
        return request;
    }

    /** The statistics bureau's sheet with one enterprise's employees for a month. */
    private static byte[] statisticsSheet(String creditCode, String month) throws java.io.IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("统一社会信用代码");
            header.createCell(1).setCellValue("月份");
            header.createCell(2).setCellValue("用工人数（人）");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue(creditCode);
            row.createCell(1).setCellValue(month);
            row.createCell(2).setCellValue(310);
            book.write(out);
            return out.toByteArray();
        }
    }

    /**
     * Every operation as every caller, with a valid request (a body that passes validation, the current
     * If-Match): what the table says, so a caller out of scope meets exactly 404 and a wrong role 403 even
     * where validation would otherwise answer first. "pass": the caller may act (2xx, or 409 when the
     * object's state no longer allows it after an earlier caller acted).
     */
    @Test
    void everyCallerGetsWhatTheTableSays() throws Exception {
        Map<String, String> ids = fixtures();
        List<String> wrong = new ArrayList<>();
        for (Row row : matrix()) {
            String path = address(row, ids);
            for (String actor : ACTORS) {
                RequestSpecification request = row.method().equals("GET") ? (actor.equals("ANON") ? given().accept("*/*")
                        : given().accept("*/*").header("Authorization", "Bearer " + token(PHONES.get(actor))))
                        : prepared(row, actor, path, ids);
                Response answer = request.request(row.method(), path);
                int status = answer.statusCode();
                String want = row.expected().get(actor);
                boolean ok = want.equals("pass") ? status < 300 || status == 409 : status == Integer.parseInt(want);
                if (!ok) {
                    wrong.add(row.method() + " " + row.path() + " as " + actor + ": " + status + ", table says " + want
                            + (status >= 400 ? " (" + answer.asString().replaceAll("\\s+", " ") + ")" : ""));
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " answers differ from the table:\n" + String.join("\n", wrong));
    }

    /**
     * Text PostgreSQL cannot store (U+0000) in any field of any write, login and CSV import included, is a
     * 400 naming the field, and changes nothing.
     */
    @Test
    void everyWriteRefusesTextWithANulCharacter() throws Exception {
        Map<String, String> ids = fixtures();
        List<String> counted = List.of("issue", "visit", "enterprise", "department", "account", "assistance_group",
                "monthly_report", "device", "issue_category", "work_calendar_day");
        Map<String, Long> before = new LinkedHashMap<>();
        for (String table : counted) {
            before.put(table, cn.zoufang.testsupport.Db.count("select count(*) from " + table));
        }
        List<String> wrong = new ArrayList<>();
        Map<String, Object> keyTier = as(OFFICE).get("/api/v1/service-tiers/KEY").then().statusCode(200).extract()
                .jsonPath().getMap("$");
        Map<String, Object> keyTierAsIs = new LinkedHashMap<>();
        for (String field : List.of("cadenceDays", "urgentByDefault")) {
            keyTierAsIs.put(field, keyTier.get(field));
        }
        ObjectMapper json = new ObjectMapper();
        for (Row row : matrix()) {
            JsonNode spec = requests().path(row.method() + " " + row.path());
            if (!spec.has("body") && !spec.has("csv")) {
                continue;
            }
            String actor = ACTORS.stream().filter(a -> row.expected().get(a).equals("pass")).findFirst().orElse(null);
            if (actor == null) {
                continue;
            }
            String path = address(row, ids);
            if (spec.has("csv")) {
                Response answer = prepared(row, actor, path, ids).body(fill(spec.get("csv").asText(), actor, ids)
                        .replace("测试路 1 号", "测试路\u00001 号")).request(row.method(), path);
                if (answer.statusCode() != 400 || !"FORMAT".equals(answer.jsonPath().getString("errors[0].code"))) {
                    wrong.add(row.method() + " " + row.path() + ": " + answer.statusCode() + " " + answer.asString());
                }
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode valid = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(fill(spec.get("body").isTextual() ? ids.get(spec.get("body").asText())
                            : spec.get("body").toString(), actor, ids));
            List<String> fields = new ArrayList<>();
            valid.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    fields.add(f.getKey());
                }
            });
            for (String field : fields) {
                com.fasterxml.jackson.databind.node.ObjectNode broken = valid.deepCopy();
                broken.put(field, broken.get(field).asText() + "\u0000");
                Response answer = prepared(row, actor, path, ids).body(broken.toString()).request(row.method(), path);
                boolean named = answer.statusCode() == 400 && "VALIDATION_FAILED".equals(answer.jsonPath().getString("code"))
                        && field.equals(answer.jsonPath().getString("errors[0].field"))
                        && "FORMAT".equals(answer.jsonPath().getString("errors[0].code"));
                if (!named) {
                    wrong.add(row.method() + " " + row.path() + " field " + field + ": " + answer.statusCode() + " "
                            + answer.asString());
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " writes took or mishandled U+0000:\n" + String.join("\n", wrong));
        for (String table : counted) {
            assertEquals(before.get(table), cn.zoufang.testsupport.Db.count("select count(*) from " + table),
                    "rows of " + table + " changed");
        }
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
        assertEquals(204, TestPhotos.upload(slot, photo));
        String photoId = slot.getString("photo.id");
        as(OFFICIAL_1).body(Map.of("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo))))
                .post("/api/v1/photos/" + photoId + "/confirm").then().statusCode(200);
        String issue = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", issue, "enterpriseId", enterprise, "category", "POLICY", "title", "权限矩阵测试",
                "description", "权限矩阵测试")).post("/api/v1/issues").then().statusCode(201);
        String economy = Fixtures.departmentId("区经发局");
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);
        // A key project of 欧菲光 that 区经发局 reports on, from this month (which its row reports) to a year ahead: no
        // earlier month of it is ever asked, so the monthly reminders never reach the demo department's handler.
        Map<String, Object> projectAsIs = new LinkedHashMap<>();
        projectAsIs.put("name", "权限矩阵测试项目" + UUID.randomUUID().toString().substring(0, 6));
        projectAsIs.put("enterpriseId", enterprise);
        projectAsIs.put("departmentId", economy);
        projectAsIs.put("plannedInvestment", 5000);
        projectAsIs.put("startMonth", TestClock.thisMonth().toString());
        projectAsIs.put("endMonth", TestClock.thisMonth().plusMonths(12).toString());
        String project = as(OFFICE).body(projectAsIs).post("/api/v1/projects").then().statusCode(201).extract().path("id");
        String group = Fixtures.groupOf(LEADER_1);
        String month = TestClock.thisMonth().minusMonths(6).toString();
        as(LEADER_1).body(Map.of("progress", "权限矩阵测试")).put("/api/v1/groups/" + group + "/reports/" + month)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        // Objects the writes may change without disturbing the rest: an official to add to group 1 and remove,
        // an enterprise to assign to it, an assignment to end, another issue of 欧菲光 to mark a duplicate of.
        String spareOfficial = as(ADMIN).body(Map.of("phone", "199" + String.format("%08d",
                ThreadLocalRandom.current().nextInt(100_000_000)), "displayName", "矩阵测试干部", "password", "Matrix-test-2026",
                "roles", List.of("OFFICIAL"))).post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        String spareEnterprise = as(OFFICE).body(Fixtures.enterprise("矩阵测试企业" + UUID.randomUUID().toString().substring(0, 6),
                DemoData.demoCreditCode(CREDIT_CODES.getAndIncrement()))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
        String endingEnterprise = as(OFFICE).body(Fixtures.enterprise("矩阵测试企业" + UUID.randomUUID().toString().substring(0, 6),
                DemoData.demoCreditCode(CREDIT_CODES.getAndIncrement()))).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
        String spareAssignment = as(OFFICE).body(Map.of("enterpriseId", endingEnterprise,
                "startDate", TestClock.today().minusDays(30).toString())).post("/api/v1/groups/" + group + "/assignments")
                .then().statusCode(201).extract().path("id");
        String otherIssue = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", otherIssue, "enterpriseId", enterprise, "category", "POLICY", "title", "权限矩阵测试（原诉求）",
                "description", "权限矩阵测试")).post("/api/v1/issues").then().statusCode(201);
        Map<String, Object> current = as(ADMIN).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        Map<String, Object> enterpriseAsIs = new LinkedHashMap<>();
        for (String field : List.of("name", "creditCode", "scaleCategories", "industryChain", "town", "address", "latitude",
                "longitude", "contactName", "contactPhone")) {
            enterpriseAsIs.put(field, current.get(field));
        }
        Map<String, Object> policy = as(OFFICE).get("/api/v1/issue-categories").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.code == 'POLICY' }");
        Map<String, Object> categoryAsIs = new LinkedHashMap<>();
        for (String field : List.of("name", "deadlineDays", "urgentDeadlineDays", "sortOrder")) {
            categoryAsIs.put(field, policy.get(field));
        }
        Map<String, Object> keyTier = as(OFFICE).get("/api/v1/service-tiers/KEY").then().statusCode(200).extract()
                .jsonPath().getMap("$");
        Map<String, Object> keyTierAsIs = new LinkedHashMap<>();
        for (String field : List.of("cadenceDays", "urgentByDefault")) {
            keyTierAsIs.put(field, keyTier.get(field));
        }
        ObjectMapper json = new ObjectMapper();

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/enterprises/{id}", "/api/v1/enterprises/" + enterprise);
        ids.put("/api/v1/sync/enterprises/{id}", "/api/v1/sync/enterprises/" + enterprise);
        ids.put("/api/v1/visits/{id}", "/api/v1/visits/" + visit);
        ids.put("/api/v1/issues/{id}", "/api/v1/issues/" + issue);
        ids.put("/api/v1/photos/{id}", "/api/v1/photos/" + photoId);
        ids.put("/api/v1/assignments/{id}", "/api/v1/assignments/" + UUID.randomUUID());
        ids.put("/api/v1/inbox/{id}", "/api/v1/inbox/" + UUID.randomUUID());
        ids.put("/api/v1/me/sessions/{id}", "/api/v1/me/sessions/" + UUID.randomUUID());
        ids.put("/api/v1/admin/push-deliveries/{id}", "/api/v1/admin/push-deliveries/0");
        ids.put("/api/v1/service-tiers/{code}", "/api/v1/service-tiers/KEY");
        ids.put("/api/v1/projects/{id}", "/api/v1/projects/" + project);
        ids.put("{installationId}", UUID.randomUUID().toString());
        // A year no other test uses: a valid write replaces its schedule.
        ids.put("{year}", "2035");
        ids.put("/api/v1/assessment-schemes/{year}", "/api/v1/assessment-schemes/2017");
        ids.put("/api/v1/assessments/{period}", "/api/v1/assessments/2017-Q4");
        ids.put("/api/v1/bulletins/{period}/cases/{issueId}", "/api/v1/bulletins/" + month + "/cases/" + issue);
        String notice = as(OFFICE).contentType("application/json").body("{\"kind\": \"SUPERVISION\"}")
                .post("/api/v1/issues/" + issue + "/notices").then().statusCode(201).extract().path("id");
        ids.put("/api/v1/notices/{id}", "/api/v1/notices/" + notice);
        String meeting = as(OFFICE).contentType("application/json").body(Map.of("kind", "SPECIAL", "title", "矩阵测试会议",
                "heldOn", TestClock.today().toString())).post("/api/v1/meetings").then().statusCode(201).extract().path("id");
        ids.put("/api/v1/meetings/{id}", "/api/v1/meetings/" + meeting);
        String contest = as(LEADER_1).contentType("application/json").body(Map.of("period", month, "metric", "issuesRegistered",
                "dimension", "GROUP", "unitId", group, "reason", "矩阵测试的异议")).post("/api/v1/figure-contests").then()
                .statusCode(201).extract().path("id");
        ids.put("/api/v1/figure-contests/{id}", "/api/v1/figure-contests/" + contest);
        ids.put("{code}", "POLICY");
        ids.put("{period}", java.time.YearMonth.from(TestClock.today()).toString());
        ids.put("{enterpriseCreditCode}", as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                .extract().path("creditCode"));
        ids.put("{group}", group);
        ids.put("{month}", month);
        ids.put("{visit}", visit);
        ids.put("{issue}", issue);
        ids.put("{enterprise}", enterprise);
        ids.put("{department}", economy);
        // New groups get a leader of their own: LEADER_1 leading them would change what "group 1" is elsewhere.
        ids.put("{leaderId}", as(ADMIN).body(Map.of("phone", "199" + String.format("%08d",
                ThreadLocalRandom.current().nextInt(100_000_000)), "displayName", "矩阵测试组长", "password", "Matrix-test-2026",
                "roles", List.of("GROUP_LEADER"))).post("/api/v1/accounts").then().statusCode(201).extract().path("id"));
        ids.put("{spareOfficialId}", spareOfficial);
        // The account, unit and contact the lifecycle rows change (see matrix.tsv).
        String sparePhone = "199" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        ids.put("/api/v1/accounts/{id}", "/api/v1/accounts/" + as(ADMIN).body(Map.of("phone", sparePhone,
                "displayName", "矩阵测试账号", "password", "Matrix-test-2026", "roles", List.of("OFFICIAL")))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id"));
        ids.put("{spareAccountPhone}", sparePhone);
        ids.put("/api/v1/departments/{id}", "/api/v1/departments/" + as(OFFICE).body(Map.of("name",
                "矩阵测试单位" + UUID.randomUUID().toString().substring(0, 6))).post("/api/v1/departments")
                .then().statusCode(201).extract().path("id"));
        ids.put("{accountId}", as(OFFICE).body(Map.of("displayName", "矩阵测试联系人", "phone", "199" + String.format("%08d",
                ThreadLocalRandom.current().nextInt(100_000_000)))).post("/api/v1/enterprises/" + enterprise + "/contacts")
                .then().statusCode(201).extract().path("id"));
        ids.put("{group1LeaderId}", as(LEADER_1).get("/api/v1/me").then().statusCode(200).extract().path("id"));
        ids.put("{spareEnterpriseId}", spareEnterprise);
        ids.put("{spareAssignmentId}", spareAssignment);
        ids.put("{otherIssue}", otherIssue);
        ids.put("{photoSha256}", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo)));
        ids.put("{enterpriseAsIs}", json.writeValueAsString(enterpriseAsIs));
        ids.put("{categoryAsIs}", json.writeValueAsString(categoryAsIs));
        ids.put("{keyTierAsIs}", json.writeValueAsString(keyTierAsIs));
        ids.put("{projectAsIs}", json.writeValueAsString(projectAsIs));
        fixture = ids;
        return ids;
    }
}
