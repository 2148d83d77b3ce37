package cn.zoufang.ledger;

/** What the answer did: solved the problem, or explained why it cannot be solved. */
public enum Resolution {
    RESOLVED("已解决"),
    EXPLAINED("已解释说明");

    private final String label;

    Resolution(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
