package cn.zoufang.evidence;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/** Evidence that cannot be swapped, images that cannot exhaust the service, and positions kept from enterprises. */
@QuarkusTest
class PhotoSafetyTest extends ApiTest {

    @Inject
    PendingUploadJanitor janitor;

    private static String checkedInVisit() {
        String id = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, id, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 10, "GPS"));
        return id;
    }

    private static JsonPath slot(String who, String owner, String type, long size) {
        return as(who).body(Map.of("contentType", type, "sizeBytes", size)).post("/api/v1/" + owner + "/photos").then()
                .statusCode(201).extract().jsonPath();
    }

    /** A slot asked for and the bytes uploaded with its form, as a phone does; the slot. */
    private static JsonPath uploaded(String who, String owner, String type, byte[] bytes) throws Exception {
        JsonPath slot = slot(who, owner, type, bytes.length);
        assertEquals(204, TestPhotos.upload(slot, bytes));
        return slot;
    }

    private static io.restassured.response.ValidatableResponse confirm(String who, JsonPath slot, byte[] bytes) {
        return as(who).body(Map.of("sha256", PhotoInspector.sha256(bytes)))
                .post("/api/v1/photos/" + slot.getString("photo.id") + "/confirm").then().statusCode(200);
    }

    @Test
    void aSecondUploadWithTheSameFormChangesNothingThatIsServed() throws Throwable {
        String visit = checkedInVisit();
        byte[] photo = TestPhotos.jpeg(640, 480);
        JsonPath slot = uploaded(OFFICIAL_1, "visits/" + visit, "image/jpeg", photo);
        String download = confirm(OFFICIAL_1, slot, photo).body("status", is("ACCEPTED")).extract().path("downloadUrl");

        // The form still works for its five minutes: 1.6 MB of HTML sent as a JPEG lands on the upload key…
        byte[] page = ("<html><body>" + "替换的证据".repeat(100_000) + "</body></html>").getBytes(StandardCharsets.UTF_8);
        assertEquals(204, TestPhotos.upload(slot, page));
        // …and the form cannot name the key the evidence is served from.
        String evidenceKey = Db.text("select object_key from photo where id = '" + slot.getString("photo.id") + "'");
        Map<String, String> aimed = new HashMap<>(slot.getMap("fields"));
        aimed.put("key", evidenceKey);
        assertEquals(403, TestPhotos.post(slot.getString("uploadUrl"), aimed, page).statusCode());

        for (String url : new String[] { download, as(OFFICE).get("/api/v1/photos/" + slot.getString("photo.id")).then()
                .extract().<String>path("downloadUrl") }) {
            var served = TestPhotos.get(url);
            assertEquals(200, served.statusCode());
            assertArrayEquals(photo, served.body());
            assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(null));
        }
        // Even a served object whose stored type someone changed answers with the type that was verified.
        String evidenceType = TestPhotos.get(download).headers().firstValue("Content-Type").orElse(null);
        TestPhotos.overwrite(evidenceKey, photo, "text/html");
        var forced = TestPhotos.get(as(OFFICIAL_1).get("/api/v1/photos/" + slot.getString("photo.id")).then()
                .extract().<String>path("downloadUrl"));
        assertEquals("image/jpeg", evidenceType);
        assertEquals("image/jpeg", forced.headers().firstValue("Content-Type").orElse(null));
        assertTrue(forced.headers().firstValue("Content-Disposition").orElse("").startsWith("inline; filename=\"photo-"));

        // Confirming again answers the photo as it stands.
        confirm(OFFICIAL_1, slot, page).body("status", is("ACCEPTED")).body("sizeBytes", is(photo.length));

        // Once the form has expired, the janitor removes the stray upload.
        String uploadKey = Db.text("select upload_key from photo where id = '" + slot.getString("photo.id") + "'");
        assertTrue(TestPhotos.exists(uploadKey));
        VertxContextSupport.subscribeAndAwait(() -> janitor.sweepStrays(TestClock.now().plusMinutes(1)));
        assertFalse(TestPhotos.exists(uploadKey));
        assertEquals(0, Db.count("select count(*) from photo where upload_key is not null and id = '"
                + slot.getString("photo.id") + "'"));
        assertArrayEquals(photo, TestPhotos.get(as(OFFICIAL_1).get("/api/v1/photos/" + slot.getString("photo.id"))
                .then().extract().<String>path("downloadUrl")).body());
    }

    @Test
    void theOfficesEvidencePackageChecksEveryHashAgainAndLeavesOutAnAlteredPhoto() throws Exception {
        String visit = checkedInVisit();
        byte[] kept = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        byte[] altered = TestPhotos.png(400, 300);
        String[] ids = new String[2];
        byte[][] photos = { kept, altered };
        for (int i = 0; i < 2; i++) {
            JsonPath slot = uploaded(OFFICIAL_1, "visits/" + visit, i == 0 ? "image/jpeg" : "image/png", photos[i]);
            confirm(OFFICIAL_1, slot, photos[i]).body("status", is("ACCEPTED"));
            ids[i] = slot.getString("photo.id");
        }
        // Someone with the store's own keys swaps the second photo's bytes.
        TestPhotos.overwrite(Db.text("select object_key from photo where id = '" + ids[1] + "'"), TestPhotos.png(400, 301),
                "image/png");

        String path = "/api/v1/visits/" + visit + "/evidence";
        as(LEADER_1).accept("application/zip").get(path).then().statusCode(403);
        var answer = as(OFFICE).accept("application/zip").get(path).then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")).extract();
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer.asByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertEquals(2, entries.size(), "the intact photo and the list: " + entries.keySet());
        assertArrayEquals(kept, entries.get("01-" + ids[0] + ".jpg"));
        String[] list = new String(entries.get("清单.csv"), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(3, list.length);
        assertTrue(list[1].startsWith("1," + ids[0]) && list[1].endsWith(",一致"), list[1]);
        assertTrue(list[1].contains(PhotoInspector.sha256(kept) + "," + PhotoInspector.sha256(kept)), list[1]);
        assertTrue(list[2].startsWith("2," + ids[1] + ",,") && list[2].contains("不一致"), list[2]);
        as(ADMIN).queryParam("action", "EVIDENCE_INTEGRITY_FAILURE").queryParam("targetId", ids[1])
                .get("/api/v1/audit-events").then().body("items.size()", is(1)).body("items[0].result", is("FAILURE"));
        as(ADMIN).queryParam("action", "EVIDENCE_EXPORT").queryParam("targetId", visit)
                .get("/api/v1/audit-events").then().body("items.size()", is(1));
    }

    @Test
    void aPngOf22000By22000PixelsIsRejectedWithAReasonBeforeAnythingIsDecoded() throws Exception {
        String visit = checkedInVisit();
        byte[] bomb = TestPhotos.hugePng(22_000, 22_000);
        JsonPath slot = uploaded(OFFICIAL_1, "visits/" + visit, "image/png", bomb);
        confirm(OFFICIAL_1, slot, bomb)
                .body("status", is("REJECTED"))
                .body("rejectReason", is("TOO_MANY_PIXELS"))
                .body("rejectReasonLabel", is("图片像素数超过上限，请用手机相机的常规分辨率拍摄"))
                .body("downloadUrl", nullValue());
        assertEquals(0, TestPhotos.objectsOf(visit));
    }

    @Test
    void heicIsAcceptedOnlyWhenItsContainerParses() throws Exception {
        String visit = checkedInVisit();
        byte[] heic = TestPhotos.heic(4032, 3024);
        JsonPath good = uploaded(OFFICIAL_1, "visits/" + visit, "image/heic", heic);
        confirm(OFFICIAL_1, good, heic)
                .body("status", is("ACCEPTED"))
                .body("width", is(4032))
                .body("height", is(3024))
                .body("thumbnailUrl", nullValue());

        // The 12 magic bytes and the start of the meta box, then nothing: no image item can be found.
        byte[] truncated = java.util.Arrays.copyOf(heic, 60);
        // A whole file whose boxes do not add up (mdat claims more than there is).
        byte[] overrun = heic.clone();
        overrun[overrun.length - 256 - 8 + 3] = (byte) 0xff;
        byte[] magicOnly = new byte[2048];
        System.arraycopy(heic, 0, magicOnly, 0, 24);
        for (byte[] broken : new byte[][] { truncated, overrun, magicOnly }) {
            JsonPath slot = uploaded(OFFICIAL_1, "visits/" + visit, "image/heic", broken);
            confirm(OFFICIAL_1, slot, broken)
                    .body("status", is("REJECTED"))
                    .body("rejectReason", is("UNREADABLE"));
        }
    }

    @Test
    void aJpegThatCannotBeDecodedIsRejectedNotLeftPending() throws Exception {
        String visit = checkedInVisit();
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = (byte) 0xff;
        noise[1] = (byte) 0xd8;
        noise[2] = (byte) 0xff;
        JsonPath slot = uploaded(OFFICIAL_1, "visits/" + visit, "image/jpeg", noise);
        confirm(OFFICIAL_1, slot, noise).body("status", is("REJECTED")).body("rejectReason", is("UNREADABLE"));
    }

    @Test
    void anEnterpriseSeesNoStaffPositionAndDownloadsACopyWithoutMetadata() throws Exception {
        String issue = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", issue, "enterpriseId", Visits.enterpriseId("欧菲光"), "category", "INFRASTRUCTURE",
                "title", "厂区围墙倒塌", "description", "请派人查看")).post("/api/v1/issues").then().statusCode(201);
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);

        // The department's handler photographs the wall: its phone writes where and when.
        byte[] staffPhoto = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        JsonPath staff = uploaded(DEPARTMENT, "issues/" + issue, "image/jpeg", staffPhoto);
        confirm(DEPARTMENT, staff, staffPhoto).body("status", is("ACCEPTED")).body("latitude", notNullValue());
        // The enterprise's own photo keeps its own position for itself.
        byte[] ownPhoto = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        JsonPath own = uploaded(CONTACT_1, "issues/" + issue, "image/jpeg", ownPhoto);
        confirm(CONTACT_1, own, ownPhoto).body("latitude", notNullValue());

        String staffId = staff.getString("photo.id");
        JsonPath seen = as(CONTACT_1).get("/api/v1/issues/" + issue + "/photos").then().statusCode(200).extract().jsonPath();
        String path = "find { it.id == '" + staffId + "' }";
        assertNull(seen.get(path + ".latitude"));
        assertNull(seen.get(path + ".longitude"));
        assertNull(seen.get(path + ".capturedAt"));
        assertNull(seen.get(path + ".distanceMeters"));
        assertTrue(seen.getDouble("find { it.id == '" + own.getString("photo.id") + "' }.latitude") > 0);
        as(CONTACT_1).get("/api/v1/photos/" + staffId).then().statusCode(200)
                .body("latitude", nullValue()).body("capturedAt", nullValue());

        var copy = TestPhotos.get(seen.getString(path + ".downloadUrl"));
        assertEquals(200, copy.statusCode());
        assertEquals("image/jpeg", PhotoInspector.detectType(copy.body()));
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy.body()));
        assertNull(metadata.getFirstDirectoryOfType(GpsDirectory.class), "no GPS in what the enterprise downloads");
        assertNull(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class), "no EXIF in what the enterprise downloads");
        var thumbnail = TestPhotos.get(seen.getString(path + ".thumbnailUrl"));
        assertNull(ImageMetadataReader.readMetadata(new ByteArrayInputStream(thumbnail.body()))
                .getFirstDirectoryOfType(GpsDirectory.class));

        // The department still has the original, EXIF and all.
        var original = TestPhotos.get(as(DEPARTMENT).get("/api/v1/photos/" + staffId).then().statusCode(200)
                .body("latitude", notNullValue()).extract().<String>path("downloadUrl"));
        assertArrayEquals(staffPhoto, original.body());
    }
}
