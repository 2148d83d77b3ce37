package cn.zoufang.visit;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
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

    @Test
    void anOldCheckInKeepsItsVerdictButNotItsPosition() throws Throwable {
        String old = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, old, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        String recent = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        Visits.checkIn(OFFICIAL_1, recent, "\"0\"", Visits.position(Visits.SITE_LAT, Visits.SITE_LNG, 8, "GPS"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update visit set check_in_at = check_in_at - interval '200 days' where id = '" + old + "'");
        }
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> retention.run()) >= 1);

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
