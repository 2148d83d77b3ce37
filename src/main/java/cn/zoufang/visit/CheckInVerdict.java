package cn.zoufang.visit;

/** What the server concluded from a check-in position. */
public enum CheckInVerdict {
    ON_SITE("在现场"),
    OUT_OF_RANGE("超出范围"),
    UNVERIFIABLE("无法核验");

    private final String label;

    CheckInVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
