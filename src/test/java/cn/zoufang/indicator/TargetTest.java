package cn.zoufang.indicator;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The zone's targets against the enterprises' figures, hand-checked on a small year no other test or the demo
 * touches (2019, the seed's year): three enterprises of their own (credit codes 9730–9732), one of them in a
 * group of its own.
 */
@QuarkusTest
class TargetTest extends ApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static String enterprise(String name, int code, String chain, String town) {
        Map<String, Object> body = new HashMap<>(Fixtures.enterprise(name, DemoData.demoCreditCode(code)));
        body.put("industryChain", chain);
        body.put("town", town);
        return as(OFFICE).body(body).post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
    }

    @Test
    void aChainsTargetAgainstItsEnterprisesMonthByMonth() throws Exception {
        String a = enterprise("目标测试甲", 9730, "EQUIPMENT", "目标测试镇");
        enterprise("目标测试乙", 9731, "EQUIPMENT", "目标测试乡");
        enterprise("目标测试丙", 9732, "MEDICINE_FOOD", "目标测试镇");
        People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        String group = as(OFFICE).body(Map.of("name", "目标测试帮扶组", "leaderId", leader.id())).post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", a)).post("/api/v1/groups/" + group + "/assignments").then().statusCode(201);

        // January: 100 + 50 (equipment) + 30 (medicine); February: 120 for 甲, which the office corrects to 125.
        byte[] sheet = IndicatorTest.sheet(List.of(List.of("统一社会信用代码", "月份", "主营业务收入"),
                List.of(DemoData.demoCreditCode(9730), "2019-01", 100), List.of(DemoData.demoCreditCode(9731), "2019-01", 50),
                List.of(DemoData.demoCreditCode(9730), "2019-02", 120), List.of(DemoData.demoCreditCode(9732), "2019-01", 30)));
        invalidAs(OFFICE).contentType(XLSX).body(sheet).post("/api/v1/indicators/import").then().statusCode(200)
                .body("recorded", is(4));
        as(OFFICE).body(Map.of("values", Map.of("MAIN_REVENUE", 125))).put("/api/v1/enterprises/" + a + "/indicators/2019-02")
                .then().statusCode(200);

        as(OFFICE).body(Map.of("targets", List.of(Map.of("indicator", "MAIN_REVENUE", "value", 3000),
                Map.of("indicator", "MAIN_REVENUE", "chain", "EQUIPMENT", "value", 1000)))).put("/api/v1/targets/2019")
                .then().statusCode(200)
                .body("targets", hasSize(2))
                // The zone: 180 in January, 125 in February (the corrected value, not both), 305 in all.
                .body("targets[0].chainLabel", is("全区")).body("targets[0].actual", is(305.0))
                .body("targets[0].rate", is(0.1017))
                .body("targets[0].months", hasSize(12))
                .body("targets[0].months[0].actual", is(180.0)).body("targets[0].months[1].actual", is(125.0))
                .body("targets[0].months[1].cumulative", is(305.0)).body("targets[0].months[2].actual", nullValue())
                .body("targets[0].months[11].cumulative", is(305.0))
                // Equipment: 150 and 125, 275 of 1000.
                .body("targets[1].chain", is("EQUIPMENT")).body("targets[1].actual", is(275.0))
                .body("targets[1].rate", is(0.275)).body("targets[1].months[0].actual", is(150.0));

        // By town and by today's group, the same figures otherwise cut.
        as(OFFICE).get("/api/v1/indicators/actuals?year=2019&indicator=MAIN_REVENUE&dimension=TOWN").then().statusCode(200)
                .body("rows.find { it.key == '目标测试镇' }.total", is(255.0))
                .body("rows.find { it.key == '目标测试镇' }.months[0]", is(130.0))
                .body("rows.find { it.key == '目标测试乡' }.total", is(50.0));
        as(OFFICE).get("/api/v1/indicators/actuals?year=2019&indicator=MAIN_REVENUE&dimension=GROUP").then().statusCode(200)
                .body("rows.find { it.key == '目标测试帮扶组' }.total", is(225.0))
                .body("rows.find { it.key == null }.label", is("未挂点"))
                .body("rows.find { it.key == null }.total", is(80.0));
        as(OFFICE).get("/api/v1/indicators/actuals?year=2019&indicator=MAIN_REVENUE").then().statusCode(200)
                .body("dimension", is("CHAIN"))
                .body("rows.find { it.key == 'EQUIPMENT' }.months", is(Arrays.asList(150.0, 125.0, null, null, null, null,
                        null, null, null, null, null, null)));

        // What cannot be a target is refused, naming the entry; the targets stay.
        as(OFFICE).body(Map.of("targets", List.of(Map.of("indicator", "CAPACITY_UTILIZATION", "value", 80))))
                .put("/api/v1/targets/2019").then().statusCode(400).body("errors[0].field", is("targets[0].indicator"));
        as(OFFICE).body(Map.of("targets", List.of(Map.of("indicator", "TAX", "value", 1), Map.of("indicator", "TAX", "value", 2))))
                .put("/api/v1/targets/2019").then().statusCode(400).body("errors[0].field", is("targets[1].indicator"));
        as(OFFICE).get("/api/v1/targets/2019").then().statusCode(200).body("targets", hasSize(2));
        invalidAs(OFFICE).get("/api/v1/indicators/actuals?year=2019&indicator=CAPACITY_UTILIZATION").then().statusCode(400)
                .body("errors[0].field", is("indicator"));
        // An empty list clears the year.
        as(OFFICE).body(Map.of("targets", List.of())).put("/api/v1/targets/2019").then().statusCode(200).body("targets", hasSize(0));
    }
}
