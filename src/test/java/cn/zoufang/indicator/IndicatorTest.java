package cn.zoufang.indicator;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.LocalServices;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * 一企一档's figures: entered at a visit, reported by the enterprise, imported from the statistics bureau,
 * corrected by the office; never overwritten, the bureau's never replaced by a visit's. Each test makes its own
 * enterprises (credit codes 9700 on), group and accounts: no demo enterprise gets a figure.
 */
@QuarkusTest
class IndicatorTest extends ApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private record Setup(String enterprise, String creditCode, String official, String contact) {
    }

    /** An enterprise of its own, its contact, and a group of its own (leader and one official) assigned to it. */
    private static Setup setup(String name, int code) {
        String creditCode = DemoData.demoCreditCode(code);
        String enterprise = as(OFFICE).body(Fixtures.enterprise(name, creditCode)).post("/api/v1/enterprises")
                .then().statusCode(201).extract().path("id");
        People.Person leader = People.create(List.of("GROUP_LEADER"), null, null);
        People.Person official = People.create(List.of("OFFICIAL"), null, null);
        String group = as(OFFICE).body(Map.of("name", name + "帮扶组", "leaderId", leader.id(), "memberIds", List.of(official.id())))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        as(OFFICE).body(Map.of("enterpriseId", enterprise)).post("/api/v1/groups/" + group + "/assignments")
                .then().statusCode(201);
        People.Person contact = People.create(List.of("ENTERPRISE_CONTACT"), null, enterprise);
        return new Setup(enterprise, creditCode, official.phone(), contact.phone());
    }

    private static ValidatableResponse put(String phone, String enterprise, YearMonth month, Map<String, Object> values) {
        return as(phone).body(Map.of("values", values)).put("/api/v1/enterprises/" + enterprise + "/indicators/" + month).then();
    }

    private static ValidatableResponse read(String phone, String enterprise, YearMonth month) {
        return as(phone).get("/api/v1/enterprises/" + enterprise + "/indicators?from=" + month + "&to=" + month).then();
    }

    private static final String REVENUE = "series.find { it.indicator == 'MAIN_REVENUE' }.months[0]";

    static byte[] sheet(List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("2026");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private static ValidatableResponse importSheet(byte[] body) {
        return invalidAs(OFFICE).contentType(XLSX).body(body).post("/api/v1/indicators/import").then();
    }

    private static long rows(String enterprise) throws Exception {
        return Db.count("select count(*) from enterprise_indicator where enterprise_id = '" + enterprise + "'");
    }

    @Test
    void aCorrectionKeepsTheOldValueAndAVisitNeverReplacesTheBureau() throws Exception {
        Setup s = setup("指标测试甲", 9700);
        YearMonth month = YearMonth.from(TestClock.today()).minusMonths(1);

        // Noted at a visit, then the enterprise's own figure: both kept, the newer current.
        put(s.official(), s.enterprise(), month, Map.of("MAIN_REVENUE", 1200, "EMPLOYEES", 85)).statusCode(200)
                .body(REVENUE + ".value", is(1200.0)).body(REVENUE + ".source", is("VISIT"));
        put(s.contact(), s.enterprise(), month, Map.of("MAIN_REVENUE", 1250)).statusCode(200)
                .body(REVENUE + ".value", is(1250.0)).body(REVENUE + ".source", is("ENTERPRISE"))
                .body(REVENUE + ".earlier.value", is(List.of(1200.0)));

        // The bureau's month: authoritative, replacing the enterprise's figure, which stays in the history.
        importSheet(sheet(List.of(List.of("统一社会信用代码", "月份", "主营业务收入（万元）"),
                List.of(s.creditCode(), month.toString(), 1300.5)))).statusCode(200)
                .body("rows", is(1)).body("recorded", is(0)).body("corrected", is(1)).body("unchanged", is(0));
        read(s.official(), s.enterprise(), month).statusCode(200)
                .body(REVENUE + ".value", is(1300.5)).body(REVENUE + ".source", is("STATISTICS"))
                .body(REVENUE + ".sourceLabel", is("统计局导入"))
                .body(REVENUE + ".earlier.source", is(List.of("ENTERPRISE", "VISIT")))
                .body("series.find { it.indicator == 'EMPLOYEES' }.months[0].value", is(85.0));

        // A visit's different figure cannot replace it: refused whole, nothing written; the same figure is no change.
        long before = rows(s.enterprise());
        put(s.official(), s.enterprise(), month, Map.of("MAIN_REVENUE", 1400, "EMPLOYEES", 90)).statusCode(409)
                .body("code", is("CONFLICT"));
        put(s.official(), s.enterprise(), month, Map.of("MAIN_REVENUE", 1300.5)).statusCode(200)
                .body(REVENUE + ".source", is("STATISTICS"));
        assertEquals(before, rows(s.enterprise()), "neither the refused nor the unchanged write added a row");
        // The office corrects it: the bureau's value joins the history.
        put(OFFICE, s.enterprise(), month, Map.of("MAIN_REVENUE", 1310)).statusCode(200)
                .body(REVENUE + ".source", is("OFFICE")).body(REVENUE + ".earlier", hasSize(3))
                .body(REVENUE + ".earlier[0].value", is(1300.5));

        // Wrong input names the field and changes nothing.
        before = rows(s.enterprise());
        put(s.official(), s.enterprise(), month, Map.of("NOT_AN_INDICATOR", 1)).statusCode(400)
                .body("errors[0].field", is("values.NOT_AN_INDICATOR"));
        put(s.contact(), s.enterprise(), month, Map.of("CAPACITY_UTILIZATION", 120)).statusCode(400)
                .body("errors[0].field", is("values.CAPACITY_UTILIZATION")).body("errors[0].code", is("RANGE"));
        put(s.contact(), s.enterprise(), YearMonth.from(TestClock.today()).plusMonths(1), Map.of("EMPLOYEES", 1))
                .statusCode(400).body("errors[0].field", is("period"));
        invalidAs(s.contact()).get("/api/v1/enterprises/" + s.enterprise() + "/indicators?from=2020-01&to=2026-01")
                .then().statusCode(400).body("errors[0].field", is("from"));
        assertEquals(before, rows(s.enterprise()));
        // The desk and the departments see the enterprise, not its figures; another enterprise's contact not even that.
        read(DESK, s.enterprise(), month).statusCode(403);
        read(DEPARTMENT, s.enterprise(), month).statusCode(403);
        read(CONTACT_1, s.enterprise(), month).statusCode(404);
    }

    @Test
    void anImportedMonthWithOneBadRowImportsNothingAndNamesTheRow() throws Exception {
        Setup a = setup("指标测试乙", 9701);
        Setup b = setup("指标测试丙", 9702);
        String month = YearMonth.from(TestClock.today()).minusMonths(2).toString();
        List<Object> header = List.of("统一社会信用代码", "月份", "主营业务收入", "税收（万元）", "用工人数");

        importSheet(sheet(List.of(header, List.of(a.creditCode(), month, 880, 35.2, 120),
                List.of(b.creditCode(), month, "八百", 12, 60)))).statusCode(400)
                .body("code", is("IMPORT_ROWS_INVALID"))
                .body("errors", hasSize(1)).body("errors[0].row", is(3)).body("errors[0].field", is("主营业务收入"));
        // A credit code the directory does not have, a month twice, a month to come: each named, nothing imported.
        String stranger = DemoData.demoCreditCode(9703);
        String future = YearMonth.from(TestClock.today()).plusMonths(1).toString();
        importSheet(sheet(List.of(header, List.of(a.creditCode(), month, 880, 35.2, 120),
                List.of(a.creditCode(), month, 881, 35.2, 120), List.of(b.creditCode(), future, 1, 1, 1)))).statusCode(400)
                .body("errors.row", is(List.of(3, 4))).body("errors.field", is(List.of("统一社会信用代码", "月份")));
        importSheet(sheet(List.of(header, List.of(stranger, month, 1, 1, 1)))).statusCode(400)
                .body("errors[0].row", is(2)).body("errors[0].message", is("企业库中没有该企业"));
        importSheet(sheet(List.of(List.of("统一社会信用代码", "月份", "利润总额"), List.of(a.creditCode(), month, 1))))
                .statusCode(400).body("errors[0].row", is(1)).body("errors[0].code", is("UNKNOWN_COLUMN"));
        importSheet("不是一个工作簿".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode(400)
                .body("code", is("IMPORT_ROWS_INVALID")).body("errors[0].field", is("file"));
        assertEquals(0, rows(a.enterprise()));
        assertEquals(0, rows(b.enterprise()));

        // Corrected, the month imports whole; blank cells are "not reported"; the same sheet again changes nothing.
        List<List<Object>> fixed = List.of(header, List.of(a.creditCode(), month, 880, 35.2, 120),
                java.util.Arrays.asList(b.creditCode(), month, 800, null, 60));
        importSheet(sheet(fixed)).statusCode(200).body("rows", is(2)).body("recorded", is(5)).body("unchanged", is(0));
        importSheet(sheet(fixed)).statusCode(200).body("recorded", is(0)).body("corrected", is(0)).body("unchanged", is(5));
        read(b.contact(), b.enterprise(), YearMonth.parse(month)).statusCode(200)
                .body(REVENUE + ".value", is(800.0))
                .body("series.find { it.indicator == 'TAX' }.months", hasSize(0));
        assertEquals(3, rows(a.enterprise()));
    }

    @Test
    void theDictionaryServedIsTheRepositorysFile() throws Exception {
        var served = as(CONTACT_1).get("/api/v1/indicator-dictionary").then().statusCode(200)
                .body("indicators.find { it.key == 'MAIN_REVENUE' }.name", is("主营业务收入"))
                .body("indicators.find { it.key == 'CAPACITY_UTILIZATION' }.aggregation", is("RATIO"))
                .extract().asString();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.readTree(java.nio.file.Files.readString(LocalServices.projectDir()
                .resolve("api-spec/indicator-dictionary.json"))), json.readTree(served));
    }
}
