package cn.zoufang.indicator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.zoufang.directory.CreditCodes;
import cn.zoufang.indicator.IndicatorDictionary.Indicator;
import cn.zoufang.indicator.IndicatorDtos.SheetRow;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;

/**
 * Reads the statistics bureau's monthly sheet (.xlsx, its first worksheet): a header row with 统一社会信用代码,
 * 月份 and any of the dictionary's indicators (by name, with or without the unit in brackets), then one row per
 * enterprise and month. Every error of every row is collected, named by row (the header is row 1) and column;
 * any error refuses the whole sheet. Blank cells are "not reported", not zero.
 */
final class IndicatorSheet {

    static final String CODE = "统一社会信用代码";
    static final String MONTH = "月份";
    static final int MAX_ROWS = 10_000;
    private static final Pattern MONTH_TEXT = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?$");

    private final IndicatorDictionary dictionary;
    private final YearMonth latest;
    private final List<FieldError> errors = new ArrayList<>();
    private final DataFormatter text = new DataFormatter();

    /** @param latest the last month a value may be for (the current one) */
    IndicatorSheet(IndicatorDictionary dictionary, YearMonth latest) {
        this.dictionary = dictionary;
        this.latest = latest;
    }

    /** The rows, or a 400 {@code IMPORT_ROWS_INVALID} with every error found. Blocking: call on a worker thread. */
    List<SheetRow> read(byte[] body) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            List<SheetRow> rows = rows(book.getSheetAt(0));
            if (!errors.isEmpty()) {
                throw ApiException.importRows(errors);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            // Not a workbook POI can open (another format, a damaged or hostile zip).
            throw new ApiException(ErrorCode.IMPORT_ROWS_INVALID, "无法读取该文件，请上传 Excel 工作簿（.xlsx）",
                    List.of(new FieldError("file", FieldCode.FORMAT, "不是有效的 .xlsx 文件", 1)));
        }
    }

    private List<SheetRow> rows(Sheet sheet) {
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header == null) {
            errors.add(new FieldError("file", FieldCode.MISSING_COLUMN, "第 1 行应为表头", 1));
            return List.of();
        }
        Map<Integer, Indicator> indicators = new LinkedHashMap<>();
        Map<String, Integer> fixed = new HashMap<>();
        for (Cell cell : header) {
            String name = text.formatCellValue(cell).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(CODE) || name.equals(MONTH)) {
                fixed.put(name, cell.getColumnIndex());
            } else {
                dictionary.byHeader(name).ifPresentOrElse(i -> indicators.put(cell.getColumnIndex(), i),
                        () -> errors.add(new FieldError(name, FieldCode.UNKNOWN_COLUMN, "指标口径中没有“" + name + "”", 1)));
            }
        }
        for (String required : List.of(CODE, MONTH)) {
            if (!fixed.containsKey(required)) {
                errors.add(new FieldError(required, FieldCode.MISSING_COLUMN, "缺少“" + required + "”列", 1));
            }
        }
        if (indicators.isEmpty()) {
            errors.add(new FieldError("file", FieldCode.MISSING_COLUMN, "没有任何指标列", 1));
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<SheetRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || blank(row)) {
                continue;
            }
            int number = r + 1;
            if (rows.size() >= MAX_ROWS) {
                errors.add(new FieldError("file", FieldCode.INVALID, "一次最多导入 " + MAX_ROWS + " 行", number));
                break;
            }
            String code = text.formatCellValue(row.getCell(fixed.get(CODE))).trim().toUpperCase();
            String problem = CreditCodes.problem(code);
            if (problem != null) {
                errors.add(new FieldError(CODE, FieldCode.INVALID_CREDIT_CODE, problem, number));
            }
            YearMonth month = month(row.getCell(fixed.get(MONTH)), number);
            if (month != null && problem == null && !seen.add(code + "@" + month)) {
                errors.add(new FieldError(CODE, FieldCode.INVALID, "与前面的行是同一企业、同一月份", number));
            }
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            indicators.forEach((column, indicator) -> {
                BigDecimal v = value(row.getCell(column), indicator, number);
                if (v != null) {
                    values.put(indicator.key(), v);
                }
            });
            rows.add(new SheetRow(number, code, month, values));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("file", FieldCode.REQUIRED, "表中没有数据行", 2));
        }
        return rows;
    }

    private boolean blank(Row row) {
        for (Cell c : row) {
            if (!text.formatCellValue(c).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** A month as 2026-11, 2026/11, 2026年11月, or a date cell (its month). */
    private YearMonth month(Cell cell, int row) {
        YearMonth month = null;
        if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            month = YearMonth.from(cell.getLocalDateTimeCellValue().atOffset(ZoneOffset.UTC));
        } else {
            Matcher m = MONTH_TEXT.matcher(text.formatCellValue(cell).trim());
            int number = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (number >= 1 && number <= 12) {
                month = YearMonth.of(Integer.parseInt(m.group(1)), number);
            }
        }
        if (month == null) {
            errors.add(new FieldError(MONTH, FieldCode.FORMAT, "月份应写作 2026-11", row));
        } else if (month.isAfter(latest) || month.getYear() < 2000) {
            errors.add(new FieldError(MONTH, FieldCode.RANGE, "月份应在 2000-01 到 " + latest + " 之间", row));
            return null;
        }
        return month;
    }

    private BigDecimal value(Cell cell, Indicator indicator, int row) {
        String raw = cell != null && cell.getCellType() == CellType.NUMERIC ? BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString()
                : text.formatCellValue(cell).trim().replace(",", "");
        if (raw.isEmpty()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(raw).setScale(2, RoundingMode.HALF_UP);
            String out = indicator.outOfRange(v);
            if (out != null) {
                errors.add(new FieldError(indicator.name(), FieldCode.RANGE, out, row));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(indicator.name(), FieldCode.FORMAT, "应为数字（单位：" + indicator.unit() + "）", row));
            return null;
        }
    }
}
