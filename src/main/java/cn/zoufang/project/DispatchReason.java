package cn.zoufang.project;

/** Why a project is on the 调度 list. */
public enum DispatchReason {
    BLOCKED("存在制约问题"),
    BEHIND_PLAN("投资进度滞后"),
    OPEN_PROBLEMS("问题尚未解决"),
    REPORT_MISSING("月报逾期未报"),
    REPORT_LATE("月报逾期报送");

    private final String label;

    DispatchReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
