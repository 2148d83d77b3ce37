package cn.zoufang.ledger;

/** Where an issue is in its life (see mobile-contract/ledger.md). */
public enum IssueStatus {
    REGISTERED("已登记"),
    FORWARDED("已转办"),
    RETURNED("已退回"),
    IN_PROGRESS("办理中"),
    /** The department has answered; the desk reviews the answer before the enterprise sees it (统一反馈). */
    AWAITING_RELEASE("待统一反馈"),
    /** The department waits for the enterprise (documents, a site date): the deadline stands still. */
    WAITING_FOR_ENTERPRISE("待企业补充"),
    RESPONDED("已答复"),
    SATISFIED("待销号"),
    CLOSED("已销号");

    private final String label;

    IssueStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
