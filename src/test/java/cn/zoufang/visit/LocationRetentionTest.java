package cn.zoufang.visit;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.zoufang.evidence.PhotoInspector;
import cn.zoufang.evidence.PhotoPositionRetention;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** After the retention period an official's check-in position is gone; the verdict stays. */
@QuarkusTest
class LocationRetentionTest extends ApiTest {

    @Inject
    LocationRetention retention;

    @Inject
    AgroalDataSource db;

    @Inject
    PhotoPositionRetention photoPositions;

    /** The SHA-256 each photo was verified with, by photo id. */
    private static final Map<String, String> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] download(String photoId) throws Exception {
        String url = as(OFFICIAL_1).get("/api/v1/photos/" + photoId).then().statusCode(200).extract().path("downloadUrl");
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** A photo with EXIF GPS, uploaded to this visit or issue and accepted; returns its id. */
    private static String photoWithPosition(String owner, String id) throws Exception {
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        var slot = as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/" + owner + "/" + id + "/photos").then().statusCode(201).extract().jsonPath();
        assertEquals(204, TestPhotos.upload(slot, photo));
        String photoId = slot.getString("photo.id");
        verified.put(photoId, PhotoInspector.sha256(photo));
        as(OFFICIAL_1).body(Map.of("sha256", PhotoInspector.sha256(photo))).post("/api/v1/photos/" + photoId + "/confirm")
                .then().statusCode(200).body("status", is("ACCEPTED")).body("latitude", notNullValue());
        return photoId;
    }

    @Test
    void anOldCheckInKeepsItsVerdictButNotItsPositionNorItsPhotosPositions() throws Throwable {
        String old = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, old, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        String recent = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, recent, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        String oldPhoto = photoWithPosition("visits", old);
        String recentPhoto = photoWithPosition("visits", recent);
        String issue = Fixtures.forwardedIssue("位置保留测试");
        String oldIssuePhoto = photoWithPosition("issues", issue);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update visit set check_in_at = check_in_at - interval '200 days' where id = '" + old + "'");
            s.executeUpdate("update photo set created_at = created_at - interval '200 days' where id = '" + oldIssuePhoto + "'");
        }
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> retention.run()) >= 1);

        as(OFFICIAL_1).get("/api/v1/photos/" + oldPhoto).then().statusCode(200)
                .body("latitude", nullValue()).body("longitude", nullValue());
        as(OFFICIAL_1).get("/api/v1/photos/" + oldIssuePhoto).then().statusCode(200)
                .body("latitude", nullValue()).body("longitude", nullValue());
        as(OFFICIAL_1).get("/api/v1/photos/" + recentPhoto).then().statusCode(200).body("latitude", notNullValue());

        // The stored originals lose their EXIF position too; the one still within the period keeps it.
        while (VertxContextSupport.subscribeAndAwait(() -> photoPositions.run()) > 0) {
            // one batch at a time, until nothing is due
        }
        for (String photoId : new String[] { oldPhoto, oldIssuePhoto }) {
            byte[] stored = download(photoId);
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored));
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            assertTrue(gps == null || gps.getGeoLocation() == null || gps.getGeoLocation().isZero(), "no position left");
            assertNotNull(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getDateOriginal(), "the rest of EXIF stays");
            assertNotNull(ImageIO.read(new ByteArrayInputStream(stored)), "still a photo");
            as(ADMIN).queryParam("action", "PHOTO_POSITION_REMOVED").queryParam("targetId", photoId)
                    .get("/api/v1/audit-events").then().statusCode(200)
                    .body("items.size()", is(1))
                    .body("items[0].detail", startsWith("verified sha256 " + verified.get(photoId) + "; stored now "));
        }
        GpsDirectory kept = ImageMetadataReader.readMetadata(new ByteArrayInputStream(download(recentPhoto)))
                .getFirstDirectoryOfType(GpsDirectory.class);
        assertTrue(kept.getGeoLocation() != null && !kept.getGeoLocation().isZero());

        as(OFFICIAL_1).get("/api/v1/visits/" + old).then().statusCode(200)
                .body("checkInVerdict", is("ON_SITE"))
                .body("detail.checkIn.verdict", is("ON_SITE"))
                .body("detail.checkIn.latitude", nullValue())
                .body("detail.checkIn.longitude", nullValue())
                .body("detail.checkIn.distanceMeters", nullValue());
        as(OFFICIAL_1).get("/api/v1/visits/" + recent).then().statusCode(200)
                .body("detail.checkIn.latitude", notNullValue());
    }
}
