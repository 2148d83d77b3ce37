package cn.zoufang.project;

/** A key project reports monthly while ACTIVE; once COMPLETED it asks no more reports. */
public enum ProjectStatus {
    ACTIVE("在建"),
    COMPLETED("已完成");

    private final String label;

    ProjectStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
