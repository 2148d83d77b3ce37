package cn.zoufang.ledger;

/** A calendar exception: a weekday off, or a weekend day worked (调休). */
public enum DayKind {
    HOLIDAY("放假"),
    WORKDAY("调休上班");

    private final String label;

    DayKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
