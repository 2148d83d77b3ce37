package cn.zoufang.ledger;

/** Which answers of a category go through the desk (统一反馈) before the enterprise sees them. */
public enum UnifiedFeedback {
    ALL("全部答复经企情收处中心统一反馈"),
    DESK_ISSUES("企情收处中心登记的诉求经其统一反馈"),
    NONE("答复直接送达企业");

    private final String label;

    UnifiedFeedback(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean applies(IssueSource source) {
        return this == ALL || this == DESK_ISSUES && source == IssueSource.DESK;
    }
}
