package cn.zoufang.visit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The visit's workflow as a table: each step, the states it may start from and the state it leads to.
 * {@link VisitService} checks a step in the one order of every workflow — the visit in the caller's scope
 * (404), If-Match (428/412), then this table (409 INVALID_STATE) — before it changes anything.
 */
public enum VisitWorkflow {
    CHECK_IN("签到", EnumSet.of(VisitStatus.PLANNED), EnumSet.of(VisitStatus.CHECKED_IN)),
    CONFIRM_BY_ENTERPRISE("企业确认", EnumSet.of(VisitStatus.CHECKED_IN), EnumSet.of(VisitStatus.CHECKED_IN)),
    CHECK_OUT("签退", EnumSet.of(VisitStatus.CHECKED_IN), EnumSet.of(VisitStatus.CHECKED_IN)),
    COMPLETE("完成走访", EnumSet.of(VisitStatus.CHECKED_IN), EnumSet.of(VisitStatus.COMPLETED)),
    CANCEL("取消走访", EnumSet.of(VisitStatus.PLANNED, VisitStatus.CHECKED_IN), EnumSet.of(VisitStatus.CANCELLED));

    private final String label;
    private final Set<VisitStatus> from;
    private final Set<VisitStatus> to;

    VisitWorkflow(String label, Set<VisitStatus> from, Set<VisitStatus> to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    public boolean allowedFrom(VisitStatus status) {
        return from.contains(status);
    }

    public Set<VisitStatus> from() {
        return from;
    }

    public Set<VisitStatus> to() {
        return to;
    }
}
