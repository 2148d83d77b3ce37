package cn.zoufang.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and lookups that several test classes need, as the demo accounts. */
public final class Fixtures extends ApiTest {

    private Fixtures() {
    }

    /** A valid new enterprise (mutable, so a test can break one field). */
    public static Map<String, Object> enterprise(String name, String creditCode) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("creditCode", creditCode);
        m.put("scaleCategories", List.of("INDUSTRY"));
        m.put("industryChain", "EQUIPMENT");
        m.put("town", "蛟桥镇");
        m.put("address", "南昌经开区测试路 1 号");
        m.put("latitude", 28.75);
        m.put("longitude", 115.8);
        m.put("contactName", "测试联系人");
        m.put("contactPhone", "0791-88888888");
        return m;
    }

    /**
     * A department of the test's own: a handler made in a demo department would be one more recipient of that
     * department's notifications in every later test.
     */
    public static String newDepartment(String prefix) {
        return as(OFFICE).body(Map.of("name", prefix + java.util.UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
    }

    /** The id of the demo department with this name (区经发局 is the department handler's). */
    public static String departmentId(String name) {
        return as(OFFICE).queryParam("limit", 100).get("/api/v1/departments").then().statusCode(200)
                .extract().path("items.find { it.name == '" + name + "' }.id");
    }

    /** The (first) group of the demo account with this phone. */
    public static String groupOf(String phone) {
        return as(phone).get("/api/v1/me").then().statusCode(200).extract().path("groups[0].id");
    }

    /** A new issue of 同兴达 registered by the desk and forwarded to 区经发局 (which notifies its handler). */
    public static String forwardedIssue(String title) {
        return forwardedIssue(title, departmentId("区经发局"));
    }

    /** The same, forwarded to this department. */
    public static String forwardedIssue(String title, String departmentId) {
        String id = java.util.UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", id, "enterpriseId", Visits.enterpriseId("同兴达"), "category", "POLICY",
                "title", title, "description", title)).post("/api/v1/issues").then().statusCode(201);
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", departmentId))
                .post("/api/v1/issues/" + id + "/forward").then().statusCode(200);
        return id;
    }
}
