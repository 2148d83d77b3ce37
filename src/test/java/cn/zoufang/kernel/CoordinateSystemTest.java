package cn.zoufang.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.zoufang.kernel.CoordinateSystem.Position;
import cn.zoufang.visit.Geo;

/**
 * Known points. WGS-84/GCJ-02 pairs are the test vectors of the eviltransform project (Shanghai,
 * Shenzhen, Beijing); the WGS-84/GCJ-02/BD-09 triple near Jiaxing is from the geotool project's tests.
 */
class CoordinateSystemTest {

    @ParameterizedTest(name = "GCJ-02 {2},{3} is WGS-84 {0},{1}")
    @CsvSource({
            "31.1774276, 121.5272106, 31.17530398364597, 121.531541859215",
            "22.543847, 113.912316, 22.540796131694766, 113.9171764808363",
            "39.911954, 116.377817, 39.91334545536069, 116.38404722455657",
            "30.6107779, 121.0917077, 30.608604331756705, 121.09626935575027" })
    void gcj02ToWgs84WithinAMetreOfPublishedPoints(double wgsLat, double wgsLng, double gcjLat, double gcjLng) {
        Position wgs = CoordinateSystem.GCJ02.toWgs84(gcjLat, gcjLng);
        assertBelow(Geo.distanceMeters(wgs.latitude(), wgs.longitude(), wgsLat, wgsLng), 1.0);
        Position forward = CoordinateSystem.wgs84ToGcj02(wgsLat, wgsLng);
        assertBelow(Geo.distanceMeters(forward.latitude(), forward.longitude(), gcjLat, gcjLng), 1.0);
    }

    @Test
    void bd09ToWgs84WithinAMetreOfAPublishedPoint() {
        Position wgs = CoordinateSystem.BD09.toWgs84(30.61484572185035, 121.10271732371203);
        assertBelow(Geo.distanceMeters(wgs.latitude(), wgs.longitude(), 30.6107779, 121.0917077), 1.0);
        Position gcj = CoordinateSystem.bd09ToGcj02(30.61484572185035, 121.10271732371203);
        assertBelow(Geo.distanceMeters(gcj.latitude(), gcj.longitude(), 30.608604331756705, 121.09626935575027), 1.0);
    }

    @ParameterizedTest(name = "{0},{1} is outside China")
    @CsvSource({ "51.5074, -0.1278", "35.6762, 139.6503", "-33.8688, 151.2093", "40.7128, -74.0060", "0.5, 100.0" })
    void theTransformIsTheIdentityOutsideChina(double lat, double lng) {
        for (CoordinateSystem system : CoordinateSystem.values()) {
            assertEquals(new Position(lat, lng), system.toWgs84(lat, lng));
        }
    }

    @Test
    void atTheZoneTheOffsetsExceedTheOnSiteRadiusAndTheConversionUndoesThem() {
        double lat = 28.745;
        double lng = 115.795;
        Position gcj = CoordinateSystem.wgs84ToGcj02(lat, lng);
        Position bd = CoordinateSystem.gcj02ToBd09(gcj.latitude(), gcj.longitude());
        assertBetween(Geo.distanceMeters(lat, lng, gcj.latitude(), gcj.longitude()), 550.0, 650.0);
        assertBetween(Geo.distanceMeters(lat, lng, bd.latitude(), bd.longitude()), 1100.0, 1250.0);

        Position fromGcj = CoordinateSystem.GCJ02.toWgs84(gcj.latitude(), gcj.longitude());
        Position fromBd = CoordinateSystem.BD09.toWgs84(bd.latitude(), bd.longitude());
        assertBelow(Geo.distanceMeters(lat, lng, fromGcj.latitude(), fromGcj.longitude()), 0.1);
        assertBelow(Geo.distanceMeters(lat, lng, fromBd.latitude(), fromBd.longitude()), 0.1);
        assertEquals(new Position(lat, lng), CoordinateSystem.WGS84.toWgs84(lat, lng));
    }

    private static void assertBelow(double metres, double limit) {
        assertTrue(metres < limit, metres + " m, expected below " + limit + " m");
    }

    private static void assertBetween(double metres, double low, double high) {
        assertTrue(metres >= low && metres <= high, metres + " m, expected " + low + "–" + high + " m");
    }
}
