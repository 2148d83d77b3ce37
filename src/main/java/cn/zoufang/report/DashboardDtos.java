package cn.zoufang.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import cn.zoufang.report.ReportDtos.ReportSummary;

/** What the office's dashboard answers. */
public final class DashboardDtos {

    private DashboardDtos() {
    }

    /** A row of month M beside the same row of month M-1. */
    public record Line(String key, String name, Figures current, Figures previous) {
    }

    public record GroupLine(String key, String name, Figures current, Figures previous, ReportSummary report) {
    }

    public record Dashboard(String month, String previousMonth, OffsetDateTime asOf, boolean complete,
            int dictionaryVersion, LocalDate reportDueDate, Line zone, List<GroupLine> groups, List<Line> departments,
            List<Line> chains, List<Line> towns) {
    }

    /**
     * A period's figures (a month, quarter, half-year or year) beside the previous period of the same kind:
     * Q2 beside Q1, a year beside the year before.
     */
    public record PeriodDashboard(String period, String label, String kind, String previousPeriod, OffsetDateTime asOf,
            boolean complete, int dictionaryVersion, Line zone, List<Line> groups, List<Line> departments,
            List<Line> chains, List<Line> towns) {
    }

    /**
     * One row behind a figure: a visit, an enterprise, or an issue (with the event counted, for figures that
     * count steps). {@code inNumerator}: for a rate, whether the row is also counted above the line.
     */
    public record DrillRow(String kind, UUID id, Long eventId, String ledgerNo, String title, String enterpriseName,
            String groupName, String departmentName, String status, OffsetDateTime at, Boolean inNumerator) {
    }

    /**
     * The rows that make one figure of a period's row (a group, department, chain, town or the zone): for a
     * count exactly the rows counted ({@code total} of them, the first {@code limit} listed); for a rate its
     * denominator's rows, each marked whether the numerator counts it; for a mean or a median the rows it is
     * taken over ({@code basis}).
     */
    public record DrillDown(String period, String metric, String metricName, String dimension, String key,
            Number value, String basis, long total, boolean truncated, List<DrillRow> rows) {
    }

    public record TrendPoint(String month, boolean complete, Figures figures) {
    }

    /** The zone's, or one group's, figures month by month, oldest first. */
    public record Trend(UUID groupId, String name, List<TrendPoint> months) {
    }

    /** An overdue issue on the office's supervision list (督办), oldest deadline first. */
    public record OverdueIssue(UUID id, String ledgerNo, String title, UUID enterpriseId, String enterpriseName,
            String groupName, String departmentName, String status, String statusLabel, LocalDate dueDate,
            int workingDaysOverdue, boolean supervised) {
    }

    public record Supervision(LocalDate today, long total, List<OverdueIssue> issues) {
    }
}
