package cn.zoufang.directory;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GroupAssignmentTest extends ApiTest {

    private static String accountId(String phone) {
        return as(phone).get("/api/v1/me").then().statusCode(200).extract().path("id");
    }

    @Test
    void reassigningAnEnterpriseMovesItsScopeAndKeepsTheHistory() {
        // Today must not change under the test (the run may cross midnight China time).
        try (var held = TestClock.hold()) {
            String id = as(OFFICE).body(Fixtures.enterprise("改挂测试企业", DemoData.demoCreditCode(301)))
                    .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
            String group1 = Fixtures.groupOf(LEADER_1);
            String group2 = Fixtures.groupOf(OFFICIAL_2);
            LocalDate today = TestClock.today();

            as(OFFICE).body(Map.of("enterpriseId", id, "startDate", today.minusDays(10).toString()))
                    .post("/api/v1/groups/" + group1 + "/assignments").then().statusCode(201)
                    .body("endDate", nullValue());
            as(OFFICIAL_1).get("/api/v1/enterprises/" + id).then().statusCode(200);
            as(OFFICIAL_2).get("/api/v1/enterprises/" + id).then().statusCode(404);
            as(OFFICE).get("/api/v1/enterprises?name=改挂测试企业&groupId=" + group1).then().statusCode(200)
                    .body("items.id", hasItem(id));
            as(OFFICE).get("/api/v1/enterprises?name=改挂测试企业&groupId=" + group2).then().statusCode(200)
                    .body("items.id", not(hasItem(id)));

            as(OFFICE).body(Map.of("enterpriseId", id, "startDate", today.toString()))
                    .post("/api/v1/groups/" + group2 + "/assignments").then().statusCode(201);
            as(OFFICIAL_1).get("/api/v1/enterprises/" + id).then().statusCode(404);
            as(OFFICIAL_2).get("/api/v1/enterprises/" + id).then().statusCode(200);
            // The group's list is of today's assignments: the enterprise has moved.
            as(OFFICE).get("/api/v1/enterprises?name=改挂测试企业&groupId=" + group1).then().statusCode(200)
                    .body("items.id", not(hasItem(id)));
            as(OFFICE).get("/api/v1/enterprises?name=改挂测试企业&groupId=" + group2).then().statusCode(200)
                    .body("items.id", hasItem(id));

            as(OFFICE).get("/api/v1/enterprises/" + id + "/assignments").then().statusCode(200)
                    .body("size()", is(2))
                    .body("[0].groupId", is(group2))
                    .body("[0].endDate", nullValue())
                    .body("[1].groupId", is(group1))
                    .body("[1].endDate", is(today.minusDays(1).toString()));

            as(OFFICE).body(Map.of("enterpriseId", id)).post("/api/v1/groups/" + group2 + "/assignments").then()
                    .statusCode(409).body("code", is("CONFLICT"));
        }
    }

    @Test
    void officeFormsAGroupWhoseLeaderMustBeALeader() {
        String leader = accountId(LEADER_1);
        String official = accountId(OFFICIAL_1);
        as(OFFICE).body(Map.of("name", "第三挂点帮扶小组（测试）", "leaderId", official))
                .post("/api/v1/groups").then().statusCode(400).body("errors[0].field", is("leaderId"));
        String id = as(OFFICE).body(Map.of("name", "第三挂点帮扶小组（测试）", "leaderId", leader,
                "memberIds", List.of(official))).post("/api/v1/groups").then().statusCode(201)
                .body("members.size()", is(2))
                .body("members[0].leader", is(true))
                .extract().path("id");
        as(OFFICE).body(Map.of("name", "第三挂点帮扶小组（测试）", "leaderId", leader))
                .post("/api/v1/groups").then().statusCode(409).body("code", is("DUPLICATE_NAME"));
        as(OFFICIAL_1).get("/api/v1/groups/" + id).then().statusCode(200);
        as(OFFICIAL_2).get("/api/v1/groups/" + id).then().statusCode(404);
        as(OFFICE).delete("/api/v1/groups/" + id + "/members/" + leader).then().statusCode(409);
        as(OFFICE).delete("/api/v1/groups/" + id + "/members/" + official).then().statusCode(200)
                .body("members.id", not(hasItem(official)));
        as(OFFICIAL_1).get("/api/v1/groups/" + id).then().statusCode(404);
    }

    @Test
    void enterpriseContactSeesItsOwnGroupOnly() {
        as(CONTACT_1).get("/api/v1/groups").then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].name", is("第一挂点帮扶小组（电子信息）"));
    }
}
