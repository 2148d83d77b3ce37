package cn.zoufang.directory;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.Charset;

import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EnterpriseImportTest extends ApiTest {

    static final String HEADER = "企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,联系人,联系电话\n";

    static String row(String name, String code, String phone) {
        return name + "," + code + ",规上工业、限上企业,装备制造,樵舍镇,\"南昌经开区导入路 8 号, 2 栋\",28.8,115.7,张三," + phone + "\n";
    }

    private static io.restassured.response.ValidatableResponse post(String csv, String who) {
        return as(who).contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/enterprises/import").then();
    }

    @Test
    void oneBadRowImportsNothingAndNamesTheRowAndColumn() {
        String csv = HEADER
                + row("导入甲企业", DemoData.demoCreditCode(201), "13911112222")
                + row("导入乙企业", "91360100000000202X", "13911112223")
                + row("导入丙企业", DemoData.demoCreditCode(203), "not-a-phone");
        post(csv, OFFICE).statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("IMPORT_ROWS_INVALID"))
                .body("errors.size()", is(2))
                .body("errors[0].row", is(3))
                .body("errors[0].field", is("统一社会信用代码"))
                .body("errors[0].code", is("INVALID_CREDIT_CODE"))
                .body("errors[1].row", is(4))
                .body("errors[1].field", is("联系电话"));
        as(OFFICE).queryParam("name", "导入甲").get("/api/v1/enterprises").then().body("items.size()", is(0));
    }

    @Test
    void aCleanFileImportsEveryRow() {
        String csv = "\uFEFF" + HEADER
                + row("导入丁企业", DemoData.demoCreditCode(204), "13911112224")
                + row("导入戊企业", DemoData.demoCreditCode(205), "0791-86661234");
        post(csv, OFFICE).statusCode(200).body("imported", is(2));
        as(OFFICE).queryParam("name", "导入戊").get("/api/v1/enterprises").then()
                .body("items[0].scaleCategories", hasItem("TRADE"))
                .body("items[0].address", is("南昌经开区导入路 8 号, 2 栋"))
                .body("items[0].industryChain", is("EQUIPMENT"));
        as(ADMIN).queryParam("action", "ENTERPRISE_IMPORT").get("/api/v1/audit-events").then()
                .body("items[0].detail", containsString("2 rows"));
    }

    @Test
    void duplicatesInTheFileOrInTheDirectoryAreRowErrors() {
        String csv = HEADER
                + row("导入己企业", DemoData.demoCreditCode(206), "13911112226")
                + row("导入己企业副本", DemoData.demoCreditCode(206), "13911112227");
        post(csv, OFFICE).statusCode(400)
                .body("errors[0].row", is(3))
                .body("errors[0].code", is("DUPLICATE_CREDIT_CODE"));
        String existing = HEADER + row("已登记企业", DemoData.demoCreditCode(2), "13911112228");
        post(existing, OFFICE).statusCode(400)
                .body("errors[0].row", is(2))
                .body("errors[0].code", is("DUPLICATE_CREDIT_CODE"));
    }

    @Test
    void missingColumnsAndNonUtf8FilesAreRefused() {
        post("企业名称,统一社会信用代码\n某企业,91360100000000207X\n", OFFICE).statusCode(400)
                .body("errors.code", hasItem("MISSING_COLUMN"));
        byte[] gbk = (HEADER + row("国标编码企业", DemoData.demoCreditCode(208), "13911112229"))
                .getBytes(Charset.forName("GBK"));
        as(OFFICE).contentType("text/csv").body(gbk).post("/api/v1/enterprises/import").then().statusCode(400)
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void thePublishedTemplateImports() throws Exception {
        String template = java.nio.file.Files.readString(
                java.nio.file.Path.of("mobile-contract/enterprise-import-template.csv"));
        post(template, ADMIN).statusCode(200).body("imported", is(1));
    }

    @Test
    void theCoordinateSystemColumnSaysWhichMapAPointCameFrom() {
        CoordinateSystem.Position gcj = CoordinateSystem.wgs84ToGcj02(28.8, 115.7);
        CoordinateSystem.Position bd = CoordinateSystem.gcj02ToBd09(gcj.latitude(), gcj.longitude());
        String header = "企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,坐标系,联系人,联系电话\n";
        String bad = header + "坐标系错误企业," + DemoData.demoCreditCode(210) + ",,,樵舍镇,导入路 9 号,28.8,115.7,北斗,李四,13911112231\n";
        post(bad, OFFICE).statusCode(400)
                .body("errors[0].row", is(2))
                .body("errors[0].field", is("坐标系"))
                .body("errors[0].code", is("FORMAT"));
        String good = header
                + "百度坐标导入企业," + DemoData.demoCreditCode(211) + ",,,樵舍镇,导入路 10 号," + bd.latitude() + "," + bd.longitude()
                + ",百度,李四,13911112232\n"
                + "空坐标系导入企业," + DemoData.demoCreditCode(212) + ",,,樵舍镇,导入路 11 号,28.8,115.7,,王五,13911112233\n";
        post(good, OFFICE).statusCode(200).body("imported", is(2));
        as(OFFICE).queryParam("name", "百度坐标导入企业").get("/api/v1/enterprises").then()
                .body("items[0].latitude", closeTo(28.8, 0.00001))
                .body("items[0].longitude", closeTo(115.7, 0.00001))
                .body("items[0].locationSystem", is("BD09"));
        as(OFFICE).queryParam("name", "空坐标系导入企业").get("/api/v1/enterprises").then()
                .body("items[0].latitude", is(28.8))
                .body("items[0].locationSystem", is("WGS84"));
    }

    @Test
    void onlyOfficeAndAdminImport() {
        post(HEADER + row("越权导入", DemoData.demoCreditCode(209), "13911112230"), DESK).statusCode(403);
    }
}
