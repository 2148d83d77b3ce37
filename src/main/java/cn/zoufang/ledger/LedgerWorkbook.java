package cn.zoufang.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.zoufang.kernel.Dates;
import cn.zoufang.kernel.Sheets;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.Ref;

/** The ledger as the office forwards it: one sheet, Chinese headers, the header row frozen. */
final class LedgerWorkbook {

    static final String MEDIA_TYPE = Sheets.MEDIA_TYPE;
    static final int MAX_ROWS = 10_000;
    static final String SHEET = "诉求台账";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private record Column(String header, int width, Function<IssueView, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("台账编号", 14, IssueView::ledgerNo),
            new Column("企业", 24, IssueView::enterpriseName),
            new Column("来源", 12, IssueView::sourceLabel),
            new Column("类别", 12, IssueView::categoryLabel),
            new Column("加急", 6, v -> v.urgent() ? "是" : ""),
            new Column("标题", 30, IssueView::title),
            new Column("状态", 10, IssueView::statusLabel),
            new Column("牵头单位", 14, v -> v.leadDepartment() == null ? null : v.leadDepartment().name()),
            new Column("协办单位", 20, v -> v.assistingDepartments().stream().map(Ref::name).collect(Collectors.joining("、"))),
            new Column("登记时间", 17, v -> v.createdAt() == null ? null : TIME.format(v.createdAt().atZoneSameInstant(Dates.ZONE))),
            new Column("办理期限", 12, v -> v.dueDate() == null ? null : v.dueDate().toString()),
            new Column("办理阶段", 12, IssueView::stageLabel),
            new Column("超期工作日", 10, IssueView::daysOverdue),
            new Column("答复结果", 12, IssueView::resolutionLabel),
            new Column("满意度评分", 10, IssueView::rating),
            new Column("督办", 6, v -> v.supervised() ? "是" : ""),
            new Column("销号原因", 18, IssueView::closeReasonLabel));

    private LedgerWorkbook() {
    }

    static byte[] write(List<IssueView> issues) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(SHEET);
            CellStyle integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("0"));
            Sheets.headerRow(sheet, 0, COLUMNS.stream().map(Column::header).toList(),
                    COLUMNS.stream().map(Column::width).toList());
            for (int r = 0; r < issues.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = COLUMNS.get(c).value().apply(issues.get(r));
                    Cell cell = row.createCell(c);
                    if (value instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                        cell.setCellStyle(integer);
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, Math.max(0, issues.size()), 0,
                    COLUMNS.size() - 1));
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
