package cn.zoufang.visit;

/** planned → checked in → completed, or cancelled with a reason. */
public enum VisitStatus {
    PLANNED("已计划"),
    CHECKED_IN("已签到"),
    COMPLETED("已完成"),
    CANCELLED("已取消");

    private final String label;

    VisitStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
