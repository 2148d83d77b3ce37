package cn.zoufang.ledger;

/** Where an issue entered the ledger. */
public enum IssueSource {
    VISIT("走访发现"),
    DESK("企情收处中心"),
    ENTERPRISE("企业自主提交");

    private final String label;

    IssueSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
