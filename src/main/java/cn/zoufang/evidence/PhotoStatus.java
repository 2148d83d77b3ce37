package cn.zoufang.evidence;

/** PENDING until the phone confirms its upload; then ACCEPTED, or REJECTED (and the bytes deleted). */
public enum PhotoStatus {
    PENDING("待上传"),
    ACCEPTED("已通过"),
    REJECTED("已拒收");

    private final String label;

    PhotoStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
