package cn.zoufang.evidence;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.TestServices;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PhotoEvidenceTest extends ApiTest {

    static final double SITE_LAT = Visits.SITE_LAT;
    static final double SITE_LNG = Visits.SITE_LNG;

    @Inject
    PendingUploadJanitor janitor;

    /** A visit to 欧菲光 by official 1, checked in on site; returns its id. */
    static String checkedInVisit() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(SITE_LAT, SITE_LNG, 10, "GPS"));
        return id;
    }

    static JsonPath slot(String visitId, String type, long size) {
        return as(OFFICIAL_1).body(Map.of("contentType", type, "sizeBytes", size))
                .post("/api/v1/visits/" + visitId + "/photos").then().statusCode(201)
                .body("photo.status", is("PENDING"))
                .body("method", is("POST"))
                .extract().jsonPath();
    }

    static int upload(JsonPath slot, byte[] bytes) throws Exception {
        return TestPhotos.upload(slot, bytes);
    }

    static io.restassured.response.ValidatableResponse confirm(JsonPath slot, String sha256) {
        return as(OFFICIAL_1).body(Map.of("sha256", sha256))
                .post("/api/v1/photos/" + slot.getString("photo.id") + "/confirm").then().statusCode(200);
    }

    /**
     * When the visit was checked in, on China's wall clock: a photo taken then belongs to the visit's day,
     * even when the run crosses midnight between the check-in and the test's next line.
     */
    static LocalDateTime checkedInAt(String visitId) {
        String at = as(OFFICIAL_1).get("/api/v1/visits/" + visitId).then().statusCode(200).extract().path("detail.checkIn.at");
        return OffsetDateTime.parse(at).atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDateTime();
    }

    @Test
    void twoPhotosUploadedConfirmedAndShown() throws Exception {
        String visit = checkedInVisit();
        byte[] onSite = TestPhotos.jpegWithExif(SITE_LAT + 0.0005, SITE_LNG, checkedInAt(visit));
        byte[] plain = TestPhotos.png(800, 600);

        JsonPath first = slot(visit, "image/jpeg", onSite.length);
        JsonPath second = slot(visit, "image/png", plain.length);
        assertEquals(204, upload(first, onSite));
        assertEquals(204, upload(second, plain));

        confirm(first, PhotoInspector.sha256(onSite))
                .body("status", is("ACCEPTED"))
                .body("flags", empty())
                .body("capturedAt", notNullValue())
                .body("distanceMeters", is(55.6))
                .body("downloadUrl", notNullValue())
                .body("thumbnailUrl", notNullValue());
        confirm(second, PhotoInspector.sha256(plain))
                .body("status", is("ACCEPTED"))
                .body("flags", containsInAnyOrder("NO_CAPTURE_TIME", "NO_LOCATION"))
                .body("flagLabels", containsInAnyOrder("照片没有拍摄时间", "照片没有位置信息"));

        JsonPath listed = as(OFFICIAL_1).get("/api/v1/visits/" + visit + "/photos").then().statusCode(200)
                .body("size()", is(2)).extract().jsonPath();
        var original = TestPhotos.get(listed.getString("find { it.contentType == 'image/jpeg' }.downloadUrl"));
        assertEquals(200, original.statusCode());
        assertArrayEquals(onSite, original.body());
        assertEquals("image/jpeg", original.headers().firstValue("Content-Type").orElse(null));
        var thumb = TestPhotos.get(listed.getString("find { it.contentType == 'image/png' }.thumbnailUrl"));
        assertEquals("image/jpeg", PhotoInspector.detectType(thumb.body()));
        assertEquals(4, TestPhotos.objectsOf(visit)); // two originals, two thumbnails

        as(OFFICIAL_1).header("If-Match", "\"1\"").body(Map.of("findings", "两张现场照片已上传"))
                .post("/api/v1/visits/" + visit + "/complete").then().statusCode(200).body("status", is("COMPLETED"));
        as(OFFICIAL_1).queryParam("mine", true).queryParam("status", "COMPLETED").queryParam("limit", 100)
                .get("/api/v1/visits").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(visit));
    }

    @Test
    void aPhotoTakenFiveKilometresAwayIsFlagged() throws Exception {
        String visit = checkedInVisit();
        byte[] far = TestPhotos.jpegWithExif(SITE_LAT + 0.045, SITE_LNG, checkedInAt(visit));
        JsonPath slot = slot(visit, "image/jpeg", far.length);
        assertEquals(204, upload(slot, far));
        confirm(slot, PhotoInspector.sha256(far))
                .body("status", is("ACCEPTED"))
                .body("flags", contains("FAR_FROM_SITE"));
        byte[] yesterday = TestPhotos.jpegWithExif(SITE_LAT, SITE_LNG, checkedInAt(visit).minusDays(1));
        JsonPath old = slot(visit, "image/jpeg", yesterday.length);
        assertEquals(204, upload(old, yesterday));
        confirm(old, PhotoInspector.sha256(yesterday)).body("flags", contains("OUTSIDE_VISIT_DAY"));
    }

    @Test
    void theStoreRefusesAFormChangedInAnyWay() throws Exception {
        String visit = checkedInVisit();
        byte[] photo = TestPhotos.jpeg(320, 240);
        JsonPath slot = slot(visit, "image/jpeg", photo.length);
        String url = slot.getString("uploadUrl");
        Map<String, String> fields = slot.getMap("fields");
        Map<String, String> otherKey = new java.util.HashMap<>(fields);
        otherKey.put("key", "visits/" + visit + "/chosen-by-the-phone.jpg");
        assertEquals(403, TestPhotos.post(url, otherKey, photo).statusCode());
        Map<String, String> otherType = new java.util.HashMap<>(fields);
        otherType.put("Content-Type", "text/html");
        assertEquals(403, TestPhotos.post(url, otherType, photo).statusCode());
        Map<String, String> badSignature = new java.util.HashMap<>(fields);
        String signature = fields.get("x-amz-signature");
        badSignature.put("x-amz-signature", signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0"));
        assertEquals(403, TestPhotos.post(url, badSignature, photo).statusCode());
        assertEquals(0, TestPhotos.objectsOf(visit));
        as(OFFICIAL_1).body(Map.of("sha256", PhotoInspector.sha256(photo)))
                .post("/api/v1/photos/" + slot.getString("photo.id") + "/confirm").then()
                .statusCode(409).body("code", is("UPLOAD_NOT_FOUND"));
    }

    @Test
    void oversizeNonImageAndWrongHashAreRejectedAndDeleted() throws Exception {
        String visit = checkedInVisit();
        invalidAs(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", 11L * 1024 * 1024))
                .post("/api/v1/visits/" + visit + "/photos").then().statusCode(400)
                .body("errors[0].field", is("sizeBytes"));

        // A phone that declared a small photo and sends 11 MB: the store's policy refuses the upload.
        byte[] big = new byte[11 * 1024 * 1024];
        byte[] small = TestPhotos.jpeg(64, 64);
        System.arraycopy(small, 0, big, 0, small.length);
        JsonPath oversize = slot(visit, "image/jpeg", 1000);
        assertEquals(400, upload(oversize, big));
        as(OFFICIAL_1).body(Map.of("sha256", PhotoInspector.sha256(big)))
                .post("/api/v1/photos/" + oversize.getString("photo.id") + "/confirm").then()
                .statusCode(409).body("code", is("UPLOAD_NOT_FOUND"));

        byte[] text = "这不是图片".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonPath notImage = slot(visit, "image/jpeg", text.length);
        assertEquals(204, upload(notImage, text));
        confirm(notImage, PhotoInspector.sha256(text)).body("status", is("REJECTED"))
                .body("rejectReason", is("NOT_AN_IMAGE"));

        byte[] photo = TestPhotos.jpeg(320, 240);
        JsonPath wrongHash = slot(visit, "image/jpeg", photo.length);
        assertEquals(204, upload(wrongHash, photo));
        confirm(wrongHash, PhotoInspector.sha256(small)).body("status", is("REJECTED"))
                .body("rejectReason", is("HASH_MISMATCH"))
                .body("rejectReasonLabel", is("文件校验值不符，可能上传不完整"));

        assertEquals(0, TestPhotos.objectsOf(visit));
    }

    @Test
    void bytesOfAnotherTypeThanDeclaredAreRejectedAtConfirmation() throws Exception {
        String visit = checkedInVisit();
        byte[] png = TestPhotos.png(100, 100);
        JsonPath declaredJpeg = slot(visit, "image/jpeg", png.length);
        assertEquals(204, upload(declaredJpeg, png));
        confirm(declaredJpeg, PhotoInspector.sha256(png)).body("rejectReason", is("TYPE_MISMATCH"));
        assertEquals(0, TestPhotos.objectsOf(visit));
    }

    @Test
    void anotherGroupAndTheEnterpriseCannotSeeThePhotos() throws Exception {
        String visit = checkedInVisit();
        byte[] photo = TestPhotos.jpeg(320, 240);
        JsonPath slot = slot(visit, "image/jpeg", photo.length);
        upload(slot, photo);
        confirm(slot, PhotoInspector.sha256(photo));
        String photoId = slot.getString("photo.id");
        for (String outsider : new String[] { OFFICIAL_2, CONTACT_1, CONTACT_2, DEPARTMENT }) {
            as(outsider).get("/api/v1/photos/" + photoId).then().statusCode(404).body("code", is("NOT_FOUND"));
            as(outsider).get("/api/v1/visits/" + visit + "/photos").then().statusCode(404);
        }
        as(LEADER_1).get("/api/v1/photos/" + photoId).then().statusCode(200).body("downloadUrl", notNullValue());
        as(OFFICE).get("/api/v1/photos/" + photoId).then().statusCode(200);
    }

    @Test
    void withTheObjectStoreDownUploadsAnswer503AndVisitsAreStillSaved() throws Exception {
        String visit = checkedInVisit();
        TestServices.current().stopS3();
        try {
            as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", 1000))
                    .post("/api/v1/visits/" + visit + "/photos").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("code", is("STORAGE_UNAVAILABLE"));
            String another = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
            as(OFFICIAL_1).get("/api/v1/visits/" + another).then().statusCode(200);
            as(OFFICIAL_1).get("/api/v1/visits/" + visit + "/photos").then().statusCode(200).body("size()", is(0));
        } finally {
            TestServices.current().startS3();
        }
        slot(visit, "image/jpeg", 1000);
    }

    @Test
    void uploadsNeverConfirmedAreCleanedUpObjectsIncluded() throws Throwable {
        String visit = checkedInVisit();
        byte[] photo = TestPhotos.jpeg(320, 240);
        JsonPath slot = slot(visit, "image/jpeg", photo.length);
        assertEquals(204, upload(slot, photo));
        String uploadKey = Db.text("select upload_key from photo where id = '" + slot.getString("photo.id") + "'");
        assertTrue(TestPhotos.exists(uploadKey));
        Integer swept = VertxContextSupport.subscribeAndAwait(() -> janitor.sweep(TestClock.now().plusSeconds(1)));
        assertTrue(swept >= 1);
        assertFalse(TestPhotos.exists(uploadKey));
        as(OFFICIAL_1).get("/api/v1/photos/" + slot.getString("photo.id")).then().statusCode(200)
                .body("status", is("REJECTED"))
                .body("rejectReason", is("UPLOAD_EXPIRED"));
        as(OFFICIAL_1).get("/api/v1/inbox").then().statusCode(200)
                .body("items.find { it.objectId == '" + slot.getString("photo.id") + "' }.type", is("PHOTO_REJECTED"));
    }

    @Test
    void anEnterpriseAddsAPhotoToItsIssueAndTheDepartmentSeesIt() throws Exception {
        String enterprise = Visits.enterpriseId("欧菲光");
        String issue = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", issue, "enterpriseId", enterprise, "category", "INFRASTRUCTURE",
                "title", "厂区门口路面塌陷", "description", "见照片")).post("/api/v1/issues").then().statusCode(201);
        byte[] photo = TestPhotos.jpegWithExif(SITE_LAT, SITE_LNG, TestClock.chinaNow().minusDays(3));
        JsonPath slot = as(CONTACT_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/issues/" + issue + "/photos").then().statusCode(201)
                .body("photo.issueId", is(issue)).body("photo.visitId", nullValue())
                .extract().jsonPath();
        assertEquals(204, upload(slot, photo));
        as(CONTACT_1).body(Map.of("sha256", PhotoInspector.sha256(photo)))
                .post("/api/v1/photos/" + slot.getString("photo.id") + "/confirm").then().statusCode(200)
                .body("status", is("ACCEPTED")).body("flags", empty());
        as(CONTACT_2).get("/api/v1/issues/" + issue + "/photos").then().statusCode(404);
        as(DEPARTMENT).get("/api/v1/issues/" + issue + "/photos").then().statusCode(404); // not forwarded yet
        String economy = Fixtures.departmentId("区经发局");
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", economy))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);
        as(DEPARTMENT).get("/api/v1/issues/" + issue + "/photos").then().statusCode(200)
                .body("size()", is(1)).body("[0].downloadUrl", notNullValue());
        as(CONTACT_1).get("/api/v1/issues/" + issue + "/timeline").then().statusCode(200)
                .body("find { it.action == 'ADD_PHOTO' }.photoId", is(slot.getString("photo.id")));
    }
}
