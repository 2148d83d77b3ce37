package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The office's workbook of the hand-built June 2019, read back cell by cell. */
@QuarkusTest
class ReportWorkbookTest extends ApiTest {

    @Inject
    AgroalDataSource db;

    private static Map<String, Integer> headers(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell c : sheet.getRow(2)) {
            columns.put(c.getStringCellValue(), c.getColumnIndex());
        }
        return columns;
    }

    private static Row rowNamed(Sheet sheet, String name) {
        for (int r = 3; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && name.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + name + " in " + sheet.getSheetName());
    }

    @Test
    void theMonthsWorkbookHasItsSheetsWithFrozenChineseHeadersAndNumbers() throws Exception {
        MetricsTest.loadJune2019();
        // The year's targets (a year no other figures of this test touch) and an above-scale enterprise no group has.
        as(OFFICE).body(Map.of("targets", List.of(Map.of("indicator", "RD_SPENDING", "value", 500))))
                .put("/api/v1/targets/2019").then().statusCode(200);
        as(OFFICE).body(cn.zoufang.testsupport.Fixtures.enterprise("工作簿未挂点企业", cn.zoufang.demo.DemoData.demoCreditCode(9750)))
                .post("/api/v1/enterprises").then().statusCode(201);
        try {
            readBack();
        } finally {
            as(OFFICE).body(Map.of("targets", List.of())).put("/api/v1/targets/2019").then().statusCode(200);
        }
    }

    /** A quarter's workbook: the quarter's own figures and ledger, without the monthly reports' columns. */
    @Test
    void aQuartersWorkbookHasTheQuartersFiguresAndLedger() throws Exception {
        QuarterTest.load();
        byte[] bytes = as(OFFICE).get("/api/v1/dashboard/workbook.xlsx?period=2018-Q3").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("zoufang-2018-Q3.xlsx"))
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("帮扶小组", "责任单位", "超期诉求", "本期台账", "年度目标", "未挂点四上企业", "三个月未走访"), names);
            Sheet groups = book.getSheet("帮扶小组");
            assertTrue(groups.getRow(0).getCell(0).getStringCellValue().startsWith("2018年第三季度企业大走访和挂点帮扶工作情况"));
            Map<String, Integer> col = headers(groups);
            assertTrue(!col.containsKey("月报状态"), col.toString());
            // Group one: three visits over the quarter, two of its two enterprises visited (each month one).
            assertEquals(3, rowNamed(groups, "季报测试一组").getCell(col.get("完成走访次数")).getNumericCellValue(), 1e-9);
            Sheet ledger = book.getSheet("本期台账");
            List<String> numbers = new ArrayList<>();
            for (int r = 3; r <= ledger.getLastRowNum(); r++) {
                numbers.add(ledger.getRow(r).getCell(0).getStringCellValue());
            }
            assertEquals(List.of("2018-900001", "2018-900002", "2018-900004", "2018-900005", "2018-900003").stream().sorted().toList(),
                    numbers.stream().sorted().toList());
        }
        as(OFFICE).get("/api/v1/dashboard/workbook.xlsx?month=2019-06&period=2018-Q3").then().statusCode(400);
    }

    private void readBack() throws Exception {
        byte[] bytes = as(OFFICE).get("/api/v1/dashboard/workbook.xlsx?month=2019-06").then().statusCode(200)
                .contentType(ReportWorkbook.MEDIA_TYPE).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("帮扶小组", "责任单位", "超期诉求", "本月台账", "年度目标", "未挂点四上企业", "三个月未走访"), names);

            Sheet targets = book.getSheet("年度目标");
            Row rd = rowNamed(targets, "研发投入");
            assertEquals("全区", rd.getCell(headers(targets).get("范围")).getStringCellValue());
            assertEquals(500, rd.getCell(headers(targets).get("目标")).getNumericCellValue(), 1e-9);
            assertEquals("0.0%", rd.getCell(headers(targets).get("完成率")).getCellStyle().getDataFormatString());
            rowNamed(book.getSheet("未挂点四上企业"), "工作簿未挂点企业");
            assertEquals("挂点小组", book.getSheet("三个月未走访").getRow(2).getCell(1).getStringCellValue());

            Sheet groups = book.getSheet("帮扶小组");
            assertTrue(groups.getRow(0).getCell(0).getStringCellValue().startsWith("2019年6月企业大走访和挂点帮扶工作情况"));
            assertEquals(3, groups.getPaneInformation().getHorizontalSplitPosition(), "title, note and header frozen");
            Map<String, Integer> col = headers(groups);
            Row one = rowNamed(groups, "月报测试一组");
            Cell visits = one.getCell(col.get("完成走访次数"));
            assertEquals(CellType.NUMERIC, visits.getCellType());
            assertEquals(2, visits.getNumericCellValue());
            Cell coverage = one.getCell(col.get("走访覆盖率"));
            assertEquals(0.5, coverage.getNumericCellValue(), 1e-9);
            assertEquals("0.0%", coverage.getCellStyle().getDataFormatString());
            assertEquals(0.5, one.getCell(col.get("按期答复率")).getNumericCellValue(), 1e-9);
            assertEquals(5.0, one.getCell(col.get("答复用时中位数（工作日）")).getNumericCellValue(), 1e-9);
            assertEquals("全区合计", groups.getRow(groups.getLastRowNum()).getCell(0).getStringCellValue());

            Sheet departments = book.getSheet("责任单位");
            assertEquals(1, rowNamed(departments, "月报测试局乙").getCell(headers(departments).get("退回次数"))
                    .getNumericCellValue());

            Sheet ledger = book.getSheet("本月台账");
            Map<String, Integer> lc = headers(ledger);
            List<String> ledgerNos = new ArrayList<>();
            for (int r = 3; r <= ledger.getLastRowNum(); r++) {
                ledgerNos.add(ledger.getRow(r).getCell(lc.get("台账编号")).getStringCellValue());
            }
            // The eight issues registered in June, oldest first; I5 was registered in May.
            assertEquals(List.of("2019-900001", "2019-900002", "2019-900003", "2019-900004", "2019-900008",
                    "2019-900006", "2019-900009", "2019-900007"), ledgerNos);
            Row i4 = ledger.getRow(3 + ledgerNos.indexOf("2019-900004"));
            assertEquals("企业撤回", i4.getCell(lc.get("销号原因")).getStringCellValue());
            assertEquals("企业自主提交", i4.getCell(lc.get("来源")).getStringCellValue());

            // The supervision sheet lists what is overdue today, the oldest deadline first.
            Sheet overdue = book.getSheet("超期诉求");
            Map<String, Integer> oc = headers(overdue);
            assertTrue(overdue.getLastRowNum() >= 3);
            Cell firstDue = overdue.getRow(3).getCell(oc.get("办理期限"));
            assertEquals("yyyy-mm-dd", firstDue.getCellStyle().getDataFormatString());
            for (int r = 4; r <= overdue.getLastRowNum(); r++) {
                assertTrue(!overdue.getRow(r).getCell(oc.get("办理期限")).getLocalDateTimeCellValue()
                        .isBefore(overdue.getRow(r - 1).getCell(oc.get("办理期限")).getLocalDateTimeCellValue()));
            }
        }
    }
}
