package cn.zoufang.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.zoufang.enterprisefile.EnterpriseFileDtos.Coverage;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Idle;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Uncovered;
import cn.zoufang.indicator.IndicatorDtos.TargetProgress;
import cn.zoufang.indicator.IndicatorDtos.YearProgress;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.CloseReason;
import cn.zoufang.ledger.IssueSource;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.report.DashboardDtos.Line;
import cn.zoufang.report.DashboardDtos.OverdueIssue;
import cn.zoufang.report.DashboardDtos.PeriodDashboard;
import cn.zoufang.report.ReportDtos.ReportSummary;

/**
 * The office's workbook for a month (with the year's targets and today's coverage): one sheet per view, Chinese headers, two title rows and the header
 * row frozen, numbers as numbers (rates as percentages). Streamed, so a large month stays in bounds.
 */
final class ReportWorkbook {

    static final String MEDIA_TYPE = cn.zoufang.kernel.Sheets.MEDIA_TYPE;
    static final int MAX_ROWS = 100_000;
    static final String GROUPS = "帮扶小组";
    static final String DEPARTMENTS = "责任单位";
    static final String OVERDUE = "超期诉求";
    static final String LEDGER = "本月台账";
    static final String PERIOD_LEDGER = "本期台账";
    static final String TARGETS = "年度目标";
    static final String UNCOVERED = "未挂点四上企业";
    static final String IDLE = "三个月未走访";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private enum Format { TEXT, INTEGER, DECIMAL, PERCENT, DATE }

    private record Column<T>(String header, int width, Format format, Function<T, Object> value) {
    }

    private static <T> Column<T> col(String header, int width, Format format, Function<T, Object> value) {
        return new Column<>(header, width, format, value);
    }

    /** The figures shown for a group or a department, each with its dictionary name. */
    private static List<Column<Figures>> figureColumns(boolean visits) {
        List<Column<Figures>> c = new ArrayList<>();
        if (visits) {
            c.add(col("完成走访次数", 10, Format.INTEGER, Figures::visitsCompleted));
            c.add(col("回访次数", 8, Format.INTEGER, Figures::visitsFollowUp));
            c.add(col("现场核验走访次数", 12, Format.INTEGER, Figures::visitsOnSite));
            c.add(col("企业确认走访次数", 12, Format.INTEGER, Figures::visitsConfirmed));
            c.add(col("企业确认走访占比", 12, Format.PERCENT, Figures::confirmedShare));
            c.add(col("走访评价数", 10, Format.INTEGER, Figures::visitRatings));
            c.add(col("走访平均评分", 10, Format.DECIMAL, Figures::meanVisitRating));
            c.add(col("挂点企业数", 10, Format.INTEGER, Figures::enterprisesAssigned));
            c.add(col("已走访企业数", 10, Format.INTEGER, Figures::enterprisesVisited));
            c.add(col("走访覆盖率", 10, Format.PERCENT, Figures::coverageRate));
        }
        c.add(col("新登记诉求数", 10, Format.INTEGER, Figures::issuesRegistered));
        c.add(col("转办诉求数", 10, Format.INTEGER, Figures::issuesForwarded));
        c.add(col("答复诉求数", 10, Format.INTEGER, Figures::issuesAnswered));
        c.add(col("销号（已解决）", 10, Format.INTEGER, Figures::closedResolved));
        c.add(col("销号（已解释说明）", 12, Format.INTEGER, Figures::closedExplained));
        c.add(col("未确认销号", 10, Format.INTEGER, Figures::closedWithoutConfirmation));
        c.add(col("重办诉求数", 10, Format.INTEGER, Figures::issuesReopened));
        c.add(col("月末未销号诉求数", 12, Format.INTEGER, Figures::openAtMonthEnd));
        c.add(col("月末超期诉求数", 12, Format.INTEGER, Figures::overdueAtMonthEnd));
        c.add(col("应答复件次", 10, Format.INTEGER, Figures::answersDue));
        c.add(col("按期答复率", 10, Format.PERCENT, Figures::onTimeRate));
        c.add(col("答复用时中位数（工作日）", 14, Format.DECIMAL, Figures::medianDaysToAnswer));
        c.add(col("销号用时中位数（工作日）", 14, Format.DECIMAL, Figures::medianDaysToClose));
        c.add(col("平均评分", 8, Format.DECIMAL, Figures::meanRating));
        c.add(col("满意率", 8, Format.PERCENT, Figures::satisfiedShare));
        c.add(col("评价率", 8, Format.PERCENT, Figures::ratedShare));
        c.add(col("督办诉求数", 10, Format.INTEGER, Figures::issuesSupervised));
        c.add(col("退回次数", 8, Format.INTEGER, Figures::returns));
        return c;
    }

    private ReportWorkbook() {
    }

    static byte[] write(PeriodDashboard d, Map<String, ReportSummary> reports, List<OverdueIssue> overdue,
            List<Object[]> ledger, YearProgress year, Coverage missed, OffsetDateTime generated) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            boolean monthly = Period.Kind.MONTH.name().equals(d.kind());
            String title = d.label() + "企业大走访和挂点帮扶工作情况";
            String note = (d.complete() ? "全期数据" : "截至 " + TIME.format(d.asOf()) + "（统计期尚未结束）")
                    + "；指标口径第 " + d.dictionaryVersion() + " 版；导出时间 " + TIME.format(generated);

            List<Column<Line>> groupColumns = new ArrayList<>();
            groupColumns.add(col("帮扶小组", 22, Format.TEXT, Line::name));
            for (Column<Figures> c : figureColumns(true)) {
                groupColumns.add(col(c.header(), c.width(), c.format(), g -> c.value().apply(g.current())));
            }
            if (monthly) {
                groupColumns.add(col("月报状态", 10, Format.TEXT, g -> report(reports, g) == null ? null
                        : report(reports, g).statusLabel()));
                groupColumns.add(col("逾期报送", 8, Format.TEXT, g -> report(reports, g) != null
                        && (report(reports, g).late() || report(reports, g).missing()) ? "是" : ""));
            }
            sheet(book, styles, GROUPS, title, note, groupColumns, d.groups(),
                    new Line("ZONE", "全区合计", d.zone().current(), d.zone().previous()));

            List<Column<Line>> departmentColumns = new ArrayList<>();
            departmentColumns.add(col("责任单位", 22, Format.TEXT, Line::name));
            for (Column<Figures> c : figureColumns(false)) {
                departmentColumns.add(col(c.header(), c.width(), c.format(), l -> c.value().apply(l.current())));
            }
            sheet(book, styles, DEPARTMENTS, title, note, departmentColumns, d.departments(), null);

            List<Column<OverdueIssue>> overdueColumns = List.of(
                    col("台账编号", 14, Format.TEXT, OverdueIssue::ledgerNo),
                    col("企业", 24, Format.TEXT, OverdueIssue::enterpriseName),
                    col("帮扶小组", 16, Format.TEXT, OverdueIssue::groupName),
                    col("牵头单位", 16, Format.TEXT, OverdueIssue::departmentName),
                    col("标题", 30, Format.TEXT, OverdueIssue::title),
                    col("状态", 10, Format.TEXT, OverdueIssue::statusLabel),
                    col("办理期限", 12, Format.DATE, OverdueIssue::dueDate),
                    col("超期工作日", 10, Format.INTEGER, OverdueIssue::workingDaysOverdue),
                    col("已督办", 8, Format.TEXT, o -> o.supervised() ? "是" : ""));
            sheet(book, styles, OVERDUE, "超期诉求（截至导出时，期限最早的在前）", note, overdueColumns, overdue, null);

            List<Column<Object[]>> ledgerColumns = List.of(
                    col("台账编号", 14, Format.TEXT, r -> r[0]),
                    col("企业", 24, Format.TEXT, r -> r[1]),
                    col("帮扶小组", 16, Format.TEXT, r -> r[2]),
                    col("来源", 12, Format.TEXT, r -> IssueSource.valueOf((String) r[3]).label()),
                    col("类别", 12, Format.TEXT, r -> r[4]),
                    col("加急", 6, Format.TEXT, r -> Boolean.TRUE.equals(r[5]) ? "是" : ""),
                    col("标题", 30, Format.TEXT, r -> r[6]),
                    col("状态", 10, Format.TEXT, r -> IssueStatus.valueOf((String) r[7]).label()),
                    col("牵头单位", 16, Format.TEXT, r -> r[8]),
                    col("登记时间", 17, Format.TEXT, r -> time(r[9])),
                    col("办理期限", 12, Format.DATE, r -> r[10]),
                    col("答复时间", 17, Format.TEXT, r -> time(r[11])),
                    col("销号原因", 18, Format.TEXT, r -> r[12] == null ? null : CloseReason.valueOf((String) r[12]).label()),
                    col("满意度评分", 10, Format.INTEGER, r -> r[13]));
            sheet(book, styles, monthly ? LEDGER : PERIOD_LEDGER, d.label() + "新登记诉求台账", note, ledgerColumns, ledger, null);

            List<Column<TargetProgress>> targetColumns = List.of(
                    col("指标", 16, Format.TEXT, TargetProgress::name),
                    col("单位", 6, Format.TEXT, TargetProgress::unit),
                    col("范围", 20, Format.TEXT, TargetProgress::chainLabel),
                    col("目标", 14, Format.DECIMAL, TargetProgress::target),
                    col("累计完成", 14, Format.DECIMAL, TargetProgress::actual),
                    col("完成率", 10, Format.PERCENT, TargetProgress::rate));
            sheet(book, styles, TARGETS, year.year() + " 年全区目标完成情况（企业经营指标，截至导出时）", note, targetColumns,
                    year.targets(), null);

            List<Column<Uncovered>> uncoveredColumns = List.of(
                    col("企业", 24, Format.TEXT, Uncovered::name),
                    col("四上类别", 18, Format.TEXT, u -> String.join("、", u.scaleCategoryLabels())),
                    col("产业链", 16, Format.TEXT, Uncovered::industryChainLabel),
                    col("所在镇处", 12, Format.TEXT, Uncovered::town));
            sheet(book, styles, UNCOVERED, "无小组挂点的四上企业（截至导出时）", note, uncoveredColumns, missed.uncovered(), null);

            List<Column<Idle>> idleColumns = List.of(
                    col("企业", 24, Format.TEXT, Idle::name),
                    col("挂点小组", 22, Format.TEXT, Idle::groupName),
                    col("所在镇处", 12, Format.TEXT, Idle::town),
                    col("最近一次走访", 17, Format.TEXT, i -> i.lastVisitAt() == null ? "从未走访" : time(i.lastVisitAt())));
            sheet(book, styles, IDLE, missed.idleMonths() + " 个月以上未走访的挂点企业（截至导出时）", note, idleColumns,
                    missed.idle(), null);

            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReportSummary report(Map<String, ReportSummary> reports, Line group) {
        return reports.get(group.key());
    }

    private static Object time(Object t) {
        return t instanceof OffsetDateTime odt ? TIME.format(odt.atZoneSameInstant(Dates.ZONE)) : null;
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle percent;
        final CellStyle date;
        final CellStyle total;

        Styles(SXSSFWorkbook book) {
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = book.createCellStyle();
            title.setFont(big);
            header = cn.zoufang.kernel.Sheets.headerStyle(book);
            header.setWrapText(true);
            integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.0"));
            percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            total = book.createCellStyle();
            total.setFont(book.getFontAt(header.getFontIndex()));
        }

        CellStyle of(Format f) {
            return switch (f) {
                case INTEGER -> integer;
                case DECIMAL -> decimal;
                case PERCENT -> percent;
                case DATE -> date;
                case TEXT -> null;
            };
        }
    }

    /** Title, note, header (frozen with the rows above it), the rows, and an optional bold total row. */
    private static <T> void sheet(SXSSFWorkbook book, Styles styles, String name, String title, String note,
            List<Column<T>> columns, List<T> rows, T total) {
        SXSSFSheet sheet = book.createSheet(name);
        Cell t = sheet.createRow(0).createCell(0);
        t.setCellValue(title);
        t.setCellStyle(styles.title);
        sheet.createRow(1).createCell(0).setCellValue(note);
        Row head = sheet.createRow(2);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = head.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(c, columns.get(c).width() * 256 + 512);
        }
        sheet.createFreezePane(1, 3);
        int r = 3;
        for (T item : rows) {
            fill(sheet.createRow(r++), columns, item, styles, null);
        }
        if (total != null) {
            fill(sheet.createRow(r++), columns, total, styles, styles.total);
        }
        sheet.setAutoFilter(new CellRangeAddress(2, Math.max(2, r - 1), 0, columns.size() - 1));
    }

    private static <T> void fill(Row row, List<Column<T>> columns, T item, Styles styles, CellStyle override) {
        for (int c = 0; c < columns.size(); c++) {
            Column<T> col = columns.get(c);
            Object value = col.value().apply(item);
            Cell cell = row.createCell(c);
            if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(styles.of(col.format()));
            } else if (value instanceof LocalDate date) {
                cell.setCellValue(date);
                cell.setCellStyle(styles.date);
            } else if (value != null) {
                cell.setCellValue(value.toString());
                if (override != null) {
                    cell.setCellStyle(override);
                }
            }
        }
    }
}
