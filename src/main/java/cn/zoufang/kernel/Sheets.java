package cn.zoufang.kernel;

import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** What every Excel sheet the service writes has in common: the media type and the header row's look. */
public final class Sheets {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Sheets() {
    }

    /** Bold on light grey. */
    public static CellStyle headerStyle(Workbook book) {
        CellStyle header = book.createCellStyle();
        Font bold = book.createFont();
        bold.setBold(true);
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return header;
    }

    /**
     * The header row at {@code index}: the headers with their widths (in characters), styled, and the rows down to
     * it frozen so they stay in view.
     */
    public static void headerRow(Sheet sheet, int index, List<String> headers, List<Integer> widths) {
        CellStyle style = headerStyle(sheet.getWorkbook());
        Row head = sheet.createRow(index);
        for (int c = 0; c < headers.size(); c++) {
            Cell cell = head.createCell(c);
            cell.setCellValue(headers.get(c));
            cell.setCellStyle(style);
            sheet.setColumnWidth(c, widths.get(c) * 256);
        }
        sheet.createFreezePane(0, index + 1);
    }
}
