package cn.zoufang.report;

/** What a row of figures is about: a group, a department, an industry chain, a town, the whole zone, or an official. */
public enum Dimension {
    GROUP("挂点帮扶小组"),
    DEPARTMENT("责任单位"),
    CHAIN("产业链"),
    TOWN("镇处"),
    ZONE("全区"),
    /** A visiting official by name: for the office and the inspectors only. */
    OFFICIAL("走访干部");

    private final String label;

    Dimension(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
