package cn.zoufang.identity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.evidence.PhotoInspector;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What belongs to whom, beyond the scope of each object: the enterprise does not set urgency, an installation
 * stays with its account, a pending photo is its uploader's to confirm, a new issue cites only a visit its
 * author may see, and contact phones are shown or revealed only as the roles' rules say, every read audited.
 */
@QuarkusTest
class OwnershipRulesTest extends ApiTest {

    private static Map<String, Object> issue(String enterprise, boolean urgent) {
        return Map.of("id", UUID.randomUUID().toString(), "enterpriseId", enterprise, "category", "POLICY",
                "title", "加急测试", "description", "加急测试", "urgent", urgent);
    }

    @Test
    void anEnterpriseCannotMarkItsOwnIssueUrgentButTheDeskCan() throws Exception {
        String enterprise = Visits.enterpriseId("欧菲光");
        long before = Db.count("select count(*) from issue");
        invalidAs(CONTACT_1).body(issue(enterprise, true)).post("/api/v1/issues").then().statusCode(400)
                .body("errors[0].field", is("urgent")).body("errors[0].code", is("INVALID"));
        assertEquals(before, Db.count("select count(*) from issue"));
        as(CONTACT_1).body(issue(enterprise, false)).post("/api/v1/issues").then().statusCode(201).body("urgent", is(false));
        as(DESK).body(issue(enterprise, true)).post("/api/v1/issues").then().statusCode(201).body("urgent", is(true));
    }

    @Test
    void anInstallationStaysWithItsAccountUnlessThatPhoneItselfMovesIt() {
        String installation = UUID.randomUUID().toString();
        String token = "owner-" + UUID.randomUUID();
        as(OFFICIAL_1).body(Map.of("token", token, "platform", "ANDROID")).put("/api/v1/devices/" + installation)
                .then().statusCode(200);
        // A stranger who learnt the installation id cannot take it (and so silence the official's pushes).
        as(CONTACT_2).body(Map.of("token", "stranger-" + UUID.randomUUID(), "platform", "ANDROID"))
                .put("/api/v1/devices/" + installation).then().statusCode(409).body("code", is("CONFLICT"));
        as(OFFICIAL_1).body(Map.of("token", token, "platform", "ANDROID")).put("/api/v1/devices/" + installation)
                .then().statusCode(200).body("active", is(true));
        // The same phone (it holds the push token) changing hands: a colleague logs in on it.
        as(OFFICIAL_2).body(Map.of("token", token, "platform", "ANDROID")).put("/api/v1/devices/" + installation)
                .then().statusCode(200);
        // Or after its account logged out there, with a token of its own.
        as(OFFICIAL_2).delete("/api/v1/devices/" + installation).then().statusCode(204);
        as(CONTACT_2).body(Map.of("token", "next-" + UUID.randomUUID(), "platform", "ANDROID"))
                .put("/api/v1/devices/" + installation).then().statusCode(200);
    }

    @Test
    void onlyTheUploaderConfirmsAPendingPhoto() throws Exception {
        String visit = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, visit, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        JsonPath slot = as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/visits/" + visit + "/photos").then().statusCode(201).extract().jsonPath();
        assertEquals(204, TestPhotos.upload(slot, photo));
        String id = slot.getString("photo.id");
        // The group's leader sees it, but a wrong hash from anyone else would delete the official's upload.
        as(LEADER_1).body(Map.of("sha256", "0".repeat(64))).post("/api/v1/photos/" + id + "/confirm").then()
                .statusCode(403).body("code", is("FORBIDDEN"));
        as(OFFICIAL_1).get("/api/v1/photos/" + id).then().body("status", is("PENDING"));
        assertTrue(TestPhotos.exists(Db.text("select upload_key from photo where id = '" + id + "'")), "the upload is still there");
        as(OFFICIAL_1).body(Map.of("sha256", PhotoInspector.sha256(photo))).post("/api/v1/photos/" + id + "/confirm")
                .then().statusCode(200).body("status", is("ACCEPTED"));
    }

    @Test
    void aNewIssueCitesOnlyAVisitItsAuthorMaySee() throws Exception {
        // An enterprise group 2 visited, then moved to group 1: group 1 sees the enterprise, not group 2's visit.
        String enterprise = as(OFFICE).body(Fixtures.enterprise("改挂走访测试企业", DemoData.demoCreditCode(7701)))
                .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
        String group2 = Fixtures.groupOf(OFFICIAL_2);
        String group1 = Fixtures.groupOf(LEADER_1);
        as(OFFICE).body(Map.of("enterpriseId", enterprise, "startDate", TestClock.today().minusDays(10).toString()))
                .post("/api/v1/groups/" + group2 + "/assignments").then().statusCode(201);
        String theirVisit = Visits.plan(OFFICIAL_2, enterprise);
        as(OFFICE).body(Map.of("enterpriseId", enterprise, "startDate", TestClock.today().toString()))
                .post("/api/v1/groups/" + group1 + "/assignments").then().statusCode(201);
        as(OFFICIAL_1).get("/api/v1/visits/" + theirVisit).then().statusCode(404);
        Map<String, Object> citing = new java.util.HashMap<>(issue(enterprise, false));
        citing.put("visitId", theirVisit);
        invalidAs(OFFICIAL_1).body(citing).post("/api/v1/issues").then().statusCode(400)
                .body("errors[0].field", is("visitId"));
        // Its own visit it may cite.
        String ownVisit = Visits.plan(OFFICIAL_1, enterprise);
        citing.put("id", UUID.randomUUID().toString());
        citing.put("visitId", ownVisit);
        as(OFFICIAL_1).body(citing).post("/api/v1/issues").then().statusCode(201).body("source", is("VISIT"));
    }

    @Test
    void contactPhonesAreMaskedInDetailsAsInListsAndEveryRevealIsAudited() throws Exception {
        String enterprise = Visits.enterpriseId("欧菲光");
        for (String phone : new String[] { OFFICE, DEPARTMENT }) {
            as(phone).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                    .body("contactPhone", containsString("*"));
        }
        String full = as(OFFICIAL_1).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                .body("contactPhone", not(containsString("*"))).extract().path("contactPhone");
        long reveals = Db.count("select count(*) from audit_event where action = 'ENTERPRISE_CONTACT_READ'"
                + " and target_id = '" + enterprise + "' and actor_phone = '" + DEPARTMENT + "'");
        as(DEPARTMENT).get("/api/v1/enterprises/" + enterprise + "/contact").then().statusCode(200)
                .body("contactPhone", is(full));
        assertEquals(reveals + 1, Db.count("select count(*) from audit_event where action = 'ENTERPRISE_CONTACT_READ'"
                + " and target_id = '" + enterprise + "' and actor_phone = '" + DEPARTMENT + "'"));
        // The official's unmasked read above is on the record too.
        assertTrue(Db.count("select count(*) from audit_event where action = 'ENTERPRISE_CONTACT_READ'"
                + " and target_id = '" + enterprise + "' and actor_phone = '" + OFFICIAL_1 + "'") > 0);
        as(CONTACT_1).get("/api/v1/enterprises/" + enterprise + "/contact").then().statusCode(403);
        as(OFFICIAL_2).get("/api/v1/enterprises/" + enterprise + "/contact").then().statusCode(404);
    }

    @Test
    void exportsAndStaffListsAreAuditedAsReadsOfPersonalData() throws Exception {
        long exports = Db.count("select count(*) from audit_event where action = 'LEDGER_EXPORT'");
        as(OFFICE).accept("*/*").get("/api/v1/issues/export.xlsx").then().statusCode(200);
        assertEquals(exports + 1, Db.count("select count(*) from audit_event where action = 'LEDGER_EXPORT'"));
        long workbooks = Db.count("select count(*) from audit_event where action = 'WORKBOOK_EXPORT'");
        as(OFFICE).accept("*/*").get("/api/v1/dashboard/workbook.xlsx").then().statusCode(200);
        assertEquals(workbooks + 1, Db.count("select count(*) from audit_event where action = 'WORKBOOK_EXPORT'"));
        long lists = Db.count("select count(*) from audit_event where action = 'ACCOUNTS_READ'");
        as(ADMIN).get("/api/v1/accounts").then().statusCode(200);
        assertEquals(lists + 1, Db.count("select count(*) from audit_event where action = 'ACCOUNTS_READ'"));
    }
}
