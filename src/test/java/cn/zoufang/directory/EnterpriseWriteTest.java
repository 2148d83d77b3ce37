package cn.zoufang.directory;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zoufang.demo.DemoData;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EnterpriseWriteTest extends ApiTest {

    static Map<String, Object> enterprise(String name, String code) {
        return Fixtures.enterprise(name, code);
    }

    @Test
    void officeRegistersAnEnterpriseAndTheWriteIsAudited() {
        String code = DemoData.demoCreditCode(101);
        String id = as(OFFICE).body(enterprise("装备测试企业", code)).post("/api/v1/enterprises").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/enterprises/"))
                .header("ETag", is("\"0\""))
                .body("industryChainLabel", is("装备制造"))
                .body("currentGroup", is((Object) null))
                .extract().path("id");
        as(ADMIN).queryParam("action", "ENTERPRISE_CREATE").queryParam("targetId", id)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].actorPhone", is(OFFICE))
                .body("items[0].actorRoles", is("OFFICE"))
                .body("items[0].targetType", is("ENTERPRISE"))
                .body("items[0].result", is("SUCCESS"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "91360100000000101X", "9136010000000010", "91360100000000I01Q", "91360100000000O01Q",
            "91360100000000Z01Q", "91360100000000S01Q", "91360100000000V01Q", "91360100000000a01Q" })
    void invalidCreditCodesAre400NamingTheField(String code) {
        invalidAs(OFFICE).body(enterprise("无效代码企业", code)).post("/api/v1/enterprises").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("creditCode"))
                .body("errors[0].code", is("INVALID_CREDIT_CODE"))
                .body("errors[0].message", notNullValue());
        as(OFFICE).queryParam("name", "无效代码企业").get("/api/v1/enterprises").then().body("items.size()", is(0));
    }

    @Test
    void duplicateCreditCodeIs409() {
        String code = DemoData.demoCreditCode(1);
        as(OFFICE).body(enterprise("重复代码企业", code)).post("/api/v1/enterprises").then()
                .statusCode(409).body("code", is("DUPLICATE_CREDIT_CODE")).body("errors[0].field", is("creditCode"));
    }

    @Test
    void unknownPropertyIs400AndNothingIsWritten() {
        Map<String, Object> body = enterprise("多余字段企业", DemoData.demoCreditCode(102));
        body.put("version", 99);
        invalidAs(OFFICE).body(body).post("/api/v1/enterprises").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("UNKNOWN_PROPERTY"))
                .body("errors[0].field", is("version"));
        as(OFFICE).queryParam("name", "多余字段企业").get("/api/v1/enterprises").then().body("items.size()", is(0));
    }

    @Test
    void updatesNeedTheCurrentEtag() {
        String code = DemoData.demoCreditCode(103);
        String id = as(OFFICE).body(enterprise("条件更新企业", code)).post("/api/v1/enterprises").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> change = enterprise("条件更新企业（改名）", code);
        invalidAs(OFFICE).body(change).put("/api/v1/enterprises/" + id).then()
                .statusCode(428).body("code", is("PRECONDITION_REQUIRED"));
        as(OFFICE).header("If-Match", "\"0\"").body(change).put("/api/v1/enterprises/" + id).then()
                .statusCode(200).header("ETag", is("\"1\"")).body("name", is("条件更新企业（改名）"));
        as(OFFICE).header("If-Match", "\"0\"").body(enterprise("过期的修改", code)).put("/api/v1/enterprises/" + id)
                .then().statusCode(412).body("code", is("PRECONDITION_FAILED"));
        as(OFFICE).get("/api/v1/enterprises/" + id).then().body("name", is("条件更新企业（改名）"));
    }

    @Test
    void ofTwoConcurrentChangesOfTheSameVersionExactlyOneWins() throws Exception {
        String code = DemoData.demoCreditCode(106);
        String id = as(OFFICE).body(enterprise("并发修改企业", code)).post("/api/v1/enterprises").then()
                .statusCode(201).extract().path("id");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> answers = pool.invokeAll(List.of(
                    () -> as(OFFICE).header("If-Match", "\"0\"").body(enterprise("并发甲", code))
                            .put("/api/v1/enterprises/" + id).statusCode(),
                    () -> as(OFFICE).header("If-Match", "\"0\"").body(enterprise("并发乙", code))
                            .put("/api/v1/enterprises/" + id).statusCode()));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            statuses.sort(null);
            org.junit.jupiter.api.Assertions.assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdown();
        }
        as(OFFICE).get("/api/v1/enterprises/" + id).then().header("ETag", is("\"1\""));
    }

    @Test
    void officialsCannotEditTheDirectory() {
        as(OFFICIAL_1).body(enterprise("越权企业", DemoData.demoCreditCode(104))).post("/api/v1/enterprises")
                .then().statusCode(403).body("code", is("FORBIDDEN"));
    }

    @Test
    void halfALocationIsRefused() {
        Map<String, Object> body = enterprise("半个坐标企业", DemoData.demoCreditCode(105));
        body.put("longitude", null);
        as(OFFICE).body(body).post("/api/v1/enterprises").then().statusCode(400)
                .body("errors[0].field", is("longitude"));
    }

    @Test
    void aPositionFromBaiduMapsIsStoredInWgs84() {
        Map<String, Object> body = enterprise("百度坐标企业", DemoData.demoCreditCode(131));
        CoordinateSystem.Position gcj = CoordinateSystem.wgs84ToGcj02(28.76, 115.81);
        CoordinateSystem.Position bd = CoordinateSystem.gcj02ToBd09(gcj.latitude(), gcj.longitude());
        body.put("latitude", bd.latitude());
        body.put("longitude", bd.longitude());
        body.put("coordinateSystem", "BD09");
        as(OFFICE).body(body).post("/api/v1/enterprises").then().statusCode(201)
                .body("latitude", closeTo(28.76, 0.00001))
                .body("longitude", closeTo(115.81, 0.00001))
                .body("locationSystem", is("BD09"))
                .body("locationSystemLabel", is("BD-09（百度地图）"));
    }

    @Test
    void theOfficeCorrectsAPositionUnderIfMatchAndTheAuditKeepsBothPoints() {
        String id = as(OFFICE).body(enterprise("位置更正企业", DemoData.demoCreditCode(132))).post("/api/v1/enterprises")
                .then().statusCode(201).body("locationSystem", is("WGS84")).extract().path("id");
        CoordinateSystem.Position gcj = CoordinateSystem.wgs84ToGcj02(28.751, 115.801);
        Map<String, Object> correction = new java.util.HashMap<>(Map.of("latitude", gcj.latitude(),
                "longitude", gcj.longitude(), "coordinateSystem", "GCJ02", "reason", "签到记录显示登记位置偏差，按高德地图更正"));
        String path = "/api/v1/enterprises/" + id + "/location";

        invalidAs(OFFICE).body(correction).put(path).then().statusCode(428);
        as(OFFICE).header("If-Match", "\"7\"").body(correction).put(path).then().statusCode(412);
        as(OFFICIAL_1).header("If-Match", "\"0\"").body(correction).put(path).then().statusCode(403);
        Map<String, Object> noReason = new java.util.HashMap<>(correction);
        noReason.remove("reason");
        invalidAs(OFFICE).header("If-Match", "\"0\"").body(noReason).put(path).then().statusCode(400)
                .body("errors[0].field", is("reason"));
        as(OFFICE).get("/api/v1/enterprises/" + id).then().body("version", is(0));

        as(OFFICE).header("If-Match", "\"0\"").body(correction).put(path).then().statusCode(200)
                .header("ETag", is("\"1\""))
                .body("latitude", closeTo(28.751, 0.00001))
                .body("longitude", closeTo(115.801, 0.00001))
                .body("locationSystem", is("GCJ02"))
                .body("name", is("位置更正企业"));
        as(ADMIN).queryParam("action", "ENTERPRISE_LOCATION_CORRECT").queryParam("targetId", id)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].actorPhone", is(OFFICE))
                .body("items[0].detail", is("28.750000,115.800000 (WGS84) → 28.751000,115.801000 (GCJ02)："
                        + "签到记录显示登记位置偏差，按高德地图更正"));
    }
}
