package cn.zoufang.project;

import java.time.LocalDate;

/**
 * Where a project's report of month M stands on a day: the window opens on the 1st of M+1 and closes on the
 * due day (the groups' monthly reports' due day). One table, read by the cycle list, the reminders and the
 * 调度 list alike.
 */
public enum CycleStatus {
    NOT_OPEN("未到报送期"),
    DUE("待报送"),
    OVERDUE("逾期未报"),
    SUBMITTED("已报送"),
    SUBMITTED_LATE("逾期报送");

    private final String label;

    CycleStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CycleStatus of(ProjectReport report, LocalDate opensOn, LocalDate dueDate, LocalDate today) {
        if (report != null) {
            return report.late ? SUBMITTED_LATE : SUBMITTED;
        }
        if (today.isBefore(opensOn)) {
            return NOT_OPEN;
        }
        return today.isAfter(dueDate) ? OVERDUE : DUE;
    }
}
