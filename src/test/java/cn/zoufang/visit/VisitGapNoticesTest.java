package cn.zoufang.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class VisitGapNoticesTest extends ApiTest {

    @Inject
    VisitGapNotices notices;



    @Test
    void aGroupWithUnvisitedEnterprisesIsRemindedOnceAMonth() throws Throwable {
        // Today must not change under the test (the run may cross midnight China time).
        try (var held = TestClock.hold()) {
            String leader = as(LEADER_1).get("/api/v1/me").then().extract().path("id");
            String official = as(OFFICIAL_2).get("/api/v1/me").then().extract().path("id");
            String group = as(OFFICE).body(Map.of("name", "提醒测试小组", "leaderId", leader, "memberIds", List.of(official)))
                    .post("/api/v1/groups").then().statusCode(201).extract().path("id");
            String enterprise = as(OFFICE).body(Fixtures.enterprise("提醒测试企业", DemoData.demoCreditCode(601)))
                    .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
            as(OFFICE).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments").then()
                    .statusCode(201);
            YearMonth month = TestClock.thisMonth();

            VertxContextSupport.subscribeAndAwait(() -> notices.run(month));
            VertxContextSupport.subscribeAndAwait(() -> notices.run(month));
            // Leader and official, once each, however often the job runs.
            assertEquals(2, Db.count("select count(*) from notification where type = 'VISIT_GAPS' and object_id = '" + group + "'"));
            as(OFFICIAL_2).get("/api/v1/inbox").then().statusCode(200)
                    .body("items.find { it.objectId == '" + group + "' }.type", org.hamcrest.Matchers.is("VISIT_GAPS"));
        }
    }
}
