package cn.zoufang.report;

import java.util.EnumSet;
import java.util.Set;

/**
 * The monthly report's workflow as a table: each step, the states it may start from and the state it leads
 * to. {@link ReportService} checks a step in the one order of every workflow — the group in the caller's
 * scope (404), If-Match (428/412), then this table (409 INVALID_STATE) — before it changes anything.
 */
public enum ReportWorkflow {
    /** Writing starts a draft, or a new version after a return. */
    SAVE("修改", EnumSet.of(ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED), ReportStatus.DRAFT),
    SUBMIT("报送", EnumSet.of(ReportStatus.DRAFT), ReportStatus.SUBMITTED),
    ACCEPT("通过", EnumSet.of(ReportStatus.SUBMITTED), ReportStatus.ACCEPTED),
    RETURN("退回", EnumSet.of(ReportStatus.SUBMITTED), ReportStatus.RETURNED);

    private final String label;
    private final Set<ReportStatus> from;
    private final ReportStatus to;

    ReportWorkflow(String label, Set<ReportStatus> from, ReportStatus to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    public boolean allowedFrom(ReportStatus status) {
        return from.contains(status);
    }

    public ReportStatus to() {
        return to;
    }
}
