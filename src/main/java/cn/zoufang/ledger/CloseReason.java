package cn.zoufang.ledger;

/** Why an issue was closed; kept apart so that closed is never mistaken for solved. */
public enum CloseReason {
    RESOLVED("已解决"),
    EXPLAINED("已解释说明"),
    DUPLICATE("重复诉求"),
    WITHDRAWN("企业撤回"),
    CLOSED_WITHOUT_CONFIRMATION("企业未确认，办公室销号");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
