package cn.zoufang.ledger;

/** Where an issue entered the ledger. */
public enum IssueSource {
    VISIT("走访发现"),
    DESK("企情收处中心"),
    ENTERPRISE("企业自主提交"),
    /** A problem a key project's monthly report raised (the issue names the project). */
    PROJECT("重点项目月报"),
    /** A meeting's decision handed to a department (会议交办): forwarded at once with the meeting's deadline. */
    DECISION("会议交办");

    private final String label;

    IssueSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
