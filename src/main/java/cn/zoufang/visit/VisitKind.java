package cn.zoufang.visit;

/** The kind of visit; a follow-up (回访) checks on an issue or a closed one. */
public enum VisitKind {
    REGULAR("走访"),
    FOLLOW_UP("回访");

    private final String label;

    VisitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
