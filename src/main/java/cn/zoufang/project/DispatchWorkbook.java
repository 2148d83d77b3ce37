package cn.zoufang.project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.zoufang.kernel.Sheets;
import cn.zoufang.project.ProjectDtos.Dispatch;
import cn.zoufang.project.ProjectDtos.DispatchRow;
import cn.zoufang.project.ProjectDtos.IssueRef;
import cn.zoufang.project.ProjectDtos.ReportView;

/** The 调度 list as the office takes it to the meeting: one sheet, a title row, the header frozen. */
final class DispatchWorkbook {

    static final String MEDIA_TYPE = Sheets.MEDIA_TYPE;
    static final String SHEET = "重点项目调度";

    private record Column(String header, int width, Function<DispatchRow, Object> value) {
    }

    private static ReportView latest(DispatchRow r) {
        return r.project().latestReport();
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("项目名称", 30, r -> r.project().name()),
            new Column("企业", 24, r -> r.project().enterprise().name()),
            new Column("责任单位", 16, r -> r.project().department().name()),
            new Column("计划总投资（万元）", 14, r -> r.project().plannedInvestment()),
            new Column("最近月报", 10, r -> latest(r) == null ? null : latest(r).month()),
            new Column("累计完成投资（万元）", 14, r -> latest(r) == null ? null : latest(r).investedToDate()),
            new Column("累计计划投资（万元）", 14, r -> latest(r) == null ? null : latest(r).plannedToDate()),
            new Column("完成率（%）", 10, r -> latest(r) == null ? null : latest(r).completionPercent()),
            new Column("列入原因", 30, r -> String.join("、", r.reasonLabels())),
            new Column("未报月份", 16, r -> String.join("、", r.missingMonths())),
            new Column("未解决问题", 40, r -> r.openProblems().stream().map(DispatchWorkbook::problem)
                    .collect(Collectors.joining("\n"))),
            new Column("最近进展", 40, r -> latest(r) == null ? null : latest(r).progress()));

    private DispatchWorkbook() {
    }

    private static String problem(IssueRef i) {
        return i.ledgerNo() + " " + i.title() + "（" + i.statusLabel() + "）";
    }

    static byte[] write(Dispatch d) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(SHEET);
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);

            sheet.createRow(0).createCell(0).setCellValue("重大重点项目调度清单（" + d.from() + " 至 " + d.to()
                    + "；完成率低于 " + d.behindPlanBelowPercent().toPlainString() + "% 为滞后）");
            Sheets.headerRow(sheet, 1, COLUMNS.stream().map(Column::header).toList(),
                    COLUMNS.stream().map(Column::width).toList());
            for (int r = 0; r < d.projects().size(); r++) {
                Row row = sheet.createRow(r + 2);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object v = COLUMNS.get(c).value().apply(d.projects().get(r));
                    Cell cell = row.createCell(c);
                    if (v instanceof BigDecimal n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v != null) {
                        cell.setCellValue(v.toString());
                        cell.setCellStyle(wrap);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
