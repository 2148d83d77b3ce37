package cn.zoufang.testsupport;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Visit steps that several test classes take, as the demo accounts. */
public final class Visits extends ApiTest {

    /** 欧菲光（演示）: registered at 28.745, 115.795 and assigned to group 1. */
    public static final double SITE_LAT = 28.745;
    public static final double SITE_LNG = 115.795;

    private Visits() {
    }

    public static String enterpriseId(String name) {
        return as(OFFICE).queryParam("name", name).get("/api/v1/enterprises").then().statusCode(200)
                .extract().path("items[0].id");
    }

    public static LocalDate today() {
        return TestClock.today();
    }

    public static Map<String, Object> newVisit(String id, String enterpriseId) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("enterpriseId", enterpriseId);
        m.put("kind", "REGULAR");
        m.put("plannedDate", today().toString());
        m.put("purpose", "了解企业用工需求");
        return m;
    }

    public static Map<String, Object> position(double lat, double lng, double accuracy, String source) {
        Map<String, Object> m = new HashMap<>();
        m.put("latitude", lat);
        m.put("longitude", lng);
        m.put("accuracyMeters", accuracy);
        m.put("deviceTime", TestClock.now().toString());
        m.put("source", source);
        return m;
    }

    /** Plans a visit for today as {@code phone} and returns its id. */
    public static String plan(String phone, String enterpriseId) {
        String id = UUID.randomUUID().toString();
        as(phone).body(newVisit(id, enterpriseId)).post("/api/v1/visits").then().statusCode(201);
        return id;
    }

    public static ExtractableResponse<Response> checkIn(String phone, String id, String etag, Map<String, Object> where) {
        return as(phone).header("If-Match", etag).body(where).post("/api/v1/visits/" + id + "/check-in")
                .then().statusCode(200).extract();
    }
}
