package cn.zoufang.report;

/** Where a group's monthly report stands. NOT_STARTED is never stored: no version exists yet. */
public enum ReportStatus {
    NOT_STARTED("未开始"),
    DRAFT("草稿"),
    SUBMITTED("已报送"),
    ACCEPTED("已通过"),
    RETURNED("已退回");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
