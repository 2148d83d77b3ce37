package cn.zoufang.ledger;

/** Where an open issue stands against its deadline: the ladder 预警 → 催办 → 督办. */
public enum Stage {
    ON_TIME("按期办理"),
    DUE_SOON("即将到期"),
    OVERDUE("已超期"),
    NEEDS_SUPERVISION("超期需督办");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
