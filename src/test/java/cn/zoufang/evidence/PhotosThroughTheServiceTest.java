package cn.zoufang.evidence;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The back office's photos (its pages may reach no other origin): the bytes go through the service to the
 * upload slot and are confirmed as a phone's; they come back through the service as each caller may see them.
 */
@QuarkusTest
class PhotosThroughTheServiceTest extends ApiTest {

    private static final long MAX_BYTES = 10L * 1024 * 1024;

    private static String deskIssue() {
        String issue = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", issue, "enterpriseId", Visits.enterpriseId("欧菲光"), "category", "INFRASTRUCTURE",
                "title", "窗口登记：厂区围墙倒塌", "description", "企业来电，照片由窗口上传")).post("/api/v1/issues")
                .then().statusCode(201);
        return issue;
    }

    private static String slot(String phone, String issue, String type, long size) {
        return as(phone).body(Map.of("contentType", type, "sizeBytes", size)).post("/api/v1/issues/" + issue + "/photos")
                .then().statusCode(201).extract().path("photo.id");
    }

    private static Response put(String phone, String photo, String type, byte[] bytes) {
        return invalidAs(phone).contentType(type).body(bytes).put("/api/v1/photos/" + photo + "/content");
    }

    @Test
    void theDeskSendsAPhotoThroughTheServiceConfirmsItAndEachCallerGetsWhatTheyMaySee() throws Exception {
        String issue = deskIssue();
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow().minusDays(1));
        String id = slot(DESK, issue, "image/jpeg", photo.length);

        // Nothing to show before it is confirmed.
        as(DESK).get("/api/v1/photos/" + id + "/content").then().statusCode(404).body("code", is("NOT_FOUND"));
        // Another type than the slot's, another caller than the slot's, more than the limit: nothing stored.
        put(DESK, id, "image/png", photo).then().statusCode(400).body("errors[0].field", is("Content-Type"));
        put(CONTACT_1, id, "image/jpeg", photo).then().statusCode(403).body("code", is("FORBIDDEN"));
        put(CONTACT_2, id, "image/jpeg", photo).then().statusCode(404);
        put(DESK, id, "text/plain", photo).then().statusCode(415).body("code", is("UNSUPPORTED_MEDIA_TYPE"));
        put(DESK, id, "image/jpeg", new byte[(int) MAX_BYTES + 1]).then().statusCode(413)
                .body("code", is("PAYLOAD_TOO_LARGE"));
        as(DESK).body(Map.of("sha256", PhotoInspector.sha256(photo))).post("/api/v1/photos/" + id + "/confirm")
                .then().statusCode(409).body("code", is("UPLOAD_NOT_FOUND"));

        put(DESK, id, "image/jpeg", photo).then().statusCode(204);
        as(DESK).body(Map.of("sha256", PhotoInspector.sha256(photo))).post("/api/v1/photos/" + id + "/confirm")
                .then().statusCode(200).body("status", is("ACCEPTED"));
        // Confirmed bytes are final.
        put(DESK, id, "image/jpeg", photo).then().statusCode(409).body("code", is("INVALID_STATE"));

        Response full = as(DESK).get("/api/v1/photos/" + id + "/content");
        full.then().statusCode(200).contentType("image/jpeg").header("Cache-Control", is("private, max-age=86400, immutable"));
        assertArrayEquals(photo, full.asByteArray(), "the desk gets the bytes it sent");
        Response thumbnail = as(DESK).get("/api/v1/photos/" + id + "/content?variant=thumbnail");
        thumbnail.then().statusCode(200).contentType("image/jpeg");
        assertTrue(thumbnail.asByteArray().length < photo.length, "a thumbnail is smaller than the photo");
        invalidAs(DESK).get("/api/v1/photos/" + id + "/content?variant=poster").then().statusCode(400)
                .body("errors[0].field", is("variant"));

        // The enterprise sees its issue's photo, but only the copy without the taker's position and time.
        Response shared = as(CONTACT_1).get("/api/v1/photos/" + id + "/content");
        shared.then().statusCode(200).contentType("image/jpeg");
        byte[] copy = shared.asByteArray();
        assertEquals((byte) 0xFF, copy[0]);
        assertFalse(new String(copy, StandardCharsets.ISO_8859_1).contains("Exif"), "the enterprise's copy has no EXIF");
        assertTrue(new String(photo, StandardCharsets.ISO_8859_1).contains("Exif"), "the photo sent had EXIF");
        // Out of scope looks like missing.
        as(CONTACT_2).get("/api/v1/photos/" + id + "/content").then().statusCode(404);
        as(DEPARTMENT).get("/api/v1/photos/" + id + "/content").then().statusCode(404);
    }

    @Test
    void bytesThatAreNotWhatTheSlotSaidAreRejectedAtConfirmationAsAPhonesAre() throws Exception {
        String issue = deskIssue();
        byte[] notAnImage = "这不是照片".repeat(100).getBytes(StandardCharsets.UTF_8);
        String id = slot(DESK, issue, "image/jpeg", notAnImage.length);
        put(DESK, id, "image/jpeg", notAnImage).then().statusCode(204);
        as(DESK).body(Map.of("sha256", PhotoInspector.sha256(notAnImage))).post("/api/v1/photos/" + id + "/confirm")
                .then().statusCode(200).body("status", is("REJECTED"));
        as(DESK).get("/api/v1/photos/" + id + "/content").then().statusCode(404);
    }
}
