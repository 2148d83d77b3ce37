package cn.zoufang.bulletin;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.demo.DemoData;
import cn.zoufang.report.QuarterTest;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The 通报 of the hand-built quarter (Q3 2018, {@code report/q3-2018.sql}) opened and read back: the Word file's
 * paragraphs, tables, fonts and margins; the PDF's text with its Chinese intact, its pages and their numbers,
 * the embedded font; a page drawn as an image for a person to look at. Then a numbered 督办单.
 */
@QuarkusTest
class BulletinTest extends ApiTest {

    static final String Q1 = "11000000-0000-0000-0000-000000000001";
    static final String TITLE = "关于2018年第三季度企业大走访和挂点帮扶工作情况的通报";

    @BeforeEach
    void quarterWithAScheme() throws Exception {
        QuarterTest.loadWithScheme();
        as(OFFICE).contentType("application/json").body("{\"kind\": \"GOOD\", \"note\": \"局甲当天受理、三天答复，企业满意。\"}")
                .put("/api/v1/bulletins/2018-Q3/cases/" + Q1).then().statusCode(200).body("kindLabel", is("正面典型"));
    }

    @Test
    void theWordFileReadsBackWithItsTablesFontsAndMargins() throws Exception {
        byte[] bytes = as(DemoData.INSPECTOR).get("/api/v1/bulletins/2018-Q3.docx").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            XWPFRun header = paragraphs.get(0).getRuns().get(0);
            assertEquals(BulletinService.OFFICE, header.text());
            assertEquals("FF0000", header.getColor());
            assertEquals("方正小标宋简体", header.getFontFamily(XWPFRun.FontCharRange.eastAsia));
            assertEquals("走访办通〔2018〕第三季度", paragraphs.get(1).getText());
            XWPFParagraph title = paragraphs.stream().filter(p -> p.getText().equals(TITLE)).findFirst().orElseThrow();
            assertEquals(22.0, title.getRuns().get(0).getFontSizeAsDouble());
            XWPFParagraph overall = paragraphs.stream().filter(p -> p.getText().startsWith("2018年第三季度，全区")).findFirst()
                    .orElseThrow();
            assertEquals("仿宋_GB2312", overall.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia));
            assertEquals(16.0, overall.getRuns().get(0).getFontSizeAsDouble());
            assertEquals("黑体", paragraphs.stream().filter(p -> p.getText().equals("一、各挂点帮扶小组工作情况")).findFirst()
                    .orElseThrow().getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia));
            String text = paragraphs.stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
            // The red and black lists from the hand-worked scores (QuarterTest): 季报测试一组 100, 局甲 70 (not 90);
            // 三组 12.5 and 局乙 28.57 below 60, lowest first.
            assertTrue(text.contains("红榜：季报测试一组（100分）。"), text);
            assertTrue(text.contains("黑榜：季报测试三组（12.5分）、季报测试局乙（28.57分）。"), text);
            assertTrue(text.contains("（一）正面典型：季报测试企业一“Q1”（2018-900001）"), text);
            assertTrue(text.contains("超过办理期限仍未答复的诉求共1件。"), text);

            List<XWPFTable> tables = doc.getTables();
            assertEquals(3, tables.size());
            assertEquals(List.of("名次", "帮扶小组", "完成走访", "覆盖率", "企业确认", "新登记诉求", "期末超期", "得分"), cells(tables.get(0), 0));
            assertEquals(List.of("1", "季报测试一组", "3", "100.0%", "66.7%", "3", "0", "100"), cells(tables.get(0), 1));
            assertEquals(List.of("2", "季报测试二组", "1", "100.0%", "0.0%", "1", "0", "66.67"), cells(tables.get(0), 2));
            assertEquals(List.of("3", "季报测试三组", "0", "0.0%", "—", "1", "1", "12.5"), cells(tables.get(0), 3));
            assertEquals(4, tables.get(0).getNumberOfRows());
            assertEquals(List.of("1", "季报测试局甲", "4", "75.0%", "75.0%", "1", "0", "70"), cells(tables.get(1), 1));
            assertEquals(List.of("2", "季报测试局乙", "2", "0.0%", "—", "0", "1", "28.57"), cells(tables.get(1), 2));
            // Due on Friday 28 September: no working day late yet on Sunday the 30th, but past its deadline.
            assertEquals(List.of("2018-900004", "季报测试企业四", "Q4", "季报测试局乙", "2018-09-28", "0"), cells(tables.get(2), 1));

            // GB/T 9704's margins: 37 mm top, 28 mm left (in twentieths of a point).
            var margins = doc.getDocument().getBody().getSectPr().getPgMar();
            assertEquals("2109", margins.getTop().toString());
            assertEquals("1596", margins.getLeft().toString());
        }
    }

    @Test
    void thePdfKeepsItsChineseAndNumbersEveryPage() throws Exception {
        byte[] bytes = as(OFFICE).get("/api/v1/bulletins/2018-Q3.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(pdf);
            String flat = text.replaceAll("\\s+", "");
            assertTrue(flat.contains(TITLE), text);
            assertTrue(flat.contains("季报测试一组"), text);
            assertTrue(flat.contains("红榜：季报测试一组（100分）。"), text);
            assertTrue(flat.contains("2018-900004"), text);
            int pages = pdf.getNumberOfPages();
            assertTrue(pages >= 2, "pages: " + pages);
            for (int i = 1; i <= pages; i++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(i);
                one.setEndPage(i);
                assertTrue(one.getText(pdf).contains("— " + i + " —"), "page " + i + " has its number");
            }
            PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
            assertTrue(font.getName().contains("UMing"), font.getName());
            assertTrue(font.isEmbedded());
            // For a person to look at (README, "Documents"): the first page at 100 dpi.
            Path out = Path.of("target", "screenshots");
            Files.createDirectories(out);
            ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 100), "png", out.resolve("bulletin-2018-Q3-page1.png").toFile());
        }
    }

    @Test
    void theBriefingComparesThePeriodWithTheOneBefore() throws Exception {
        byte[] bytes = as(OFFICE).get("/api/v1/briefings/2018-Q3.docx").then().statusCode(200).extract().asByteArray();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
            assertTrue(text.contains("2018年第三季度企业大走访和挂点帮扶工作情况汇报"), text);
            // The second quarter of 2018 had nothing: every figure is up from zero.
            assertTrue(text.contains("与上一统计期相比，完成走访4次，增加4次"), text);
            assertTrue(text.contains("小组得分第一的是季报测试一组，责任单位得分第一的是季报测试局甲"), text);
            assertTrue(text.contains("季报测试局乙1件"), text);
        }
        try (PDDocument pdf = Loader.loadPDF(as(OFFICE).get("/api/v1/briefings/2018-Q3.pdf").then().statusCode(200)
                .extract().asByteArray())) {
            assertTrue(new PDFTextStripper().getText(pdf).replaceAll("\\s+", "").contains("存在的问题"));
        }
    }

    @Test
    void noticesAreNumberedOneAfterAnotherAndOnlyForIssuesInHand() throws Exception {
        // The year in the numbers is worked out here: held, so that New Year's midnight cannot fall in between.
        try (var held = TestClock.hold()) {
            numberedNotices();
        }
    }

    private void numberedNotices() throws Exception {
        String year = String.valueOf(TestClock.today().getYear());
        String department = Fixtures.newDepartment("督办测试局");
        String issue = Fixtures.forwardedIssue("督办单测试诉求", department);
        var first = as(OFFICE).contentType("application/json").body("{\"kind\": \"SUPERVISION\"}")
                .post("/api/v1/issues/" + issue + "/notices").then().statusCode(201)
                .body("number", matchesPattern("走访督〔" + year + "〕第\\d{4}号")).extract().jsonPath();
        int serial = Integer.parseInt(first.getString("number").replaceAll(".*第(\\d{4})号", "$1"));
        as(OFFICE).contentType("application/json").body("{\"kind\": \"SUPERVISION\", \"requirement\": \"请于本周内答复企业。\"}")
                .post("/api/v1/issues/" + issue + "/notices").then().statusCode(201)
                .body("number", is("走访督〔" + year + "〕第" + String.format("%04d", serial + 1) + "号"))
                .body("requirement", is("请于本周内答复企业。"));
        // Q1 was closed: no notice, nothing numbered.
        as(OFFICE).contentType("application/json").body("{\"kind\": \"REMINDER\"}").post("/api/v1/issues/" + Q1 + "/notices")
                .then().statusCode(409).body("code", is("INVALID_STATE"));
        byte[] bytes = as(OFFICE).get("/api/v1/notices/" + first.getString("id") + ".pdf").then().statusCode(200)
                .extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            String flat = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertTrue(flat.contains("企业诉求督办单"), flat);
            assertTrue(flat.contains(first.getString("number")), flat);
            assertTrue(flat.contains("企业名称：") && flat.contains("同兴达"), flat);
            assertTrue(flat.contains("诉求事项：督办单测试诉求"), flat);
        }
        as(DemoData.INSPECTOR).get("/api/v1/notices/" + first.getString("id") + ".pdf").then().statusCode(403);
    }

    private static List<String> cells(XWPFTable table, int row) {
        return table.getRow(row).getTableCells().stream().map(c -> c.getText()).toList();
    }
}
