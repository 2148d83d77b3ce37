package cn.zoufang.visit;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.evidence.PhotoInspector;
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

    /** A photo with EXIF GPS, uploaded to this visit or issue and accepted; returns its id. */
    private static String photoWithPosition(String owner, String id) throws Exception {
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        var slot = as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/" + owner + "/" + id + "/photos").then().statusCode(201).extract().jsonPath();
        assertEquals(200, TestPhotos.put(slot.getString("uploadUrl"), slot.getMap("headers"), photo));
        String photoId = slot.getString("photo.id");
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
