package cn.zoufang.ledger;

/** Where an issue is in its life (see mobile-contract/ledger.md). */
public enum IssueStatus {
    REGISTERED("已登记"),
    FORWARDED("已转办"),
    RETURNED("已退回"),
    IN_PROGRESS("办理中"),
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
