package cn.zoufang.ledger;

/** The steps of the workflow ({@link IssueWorkflow}), and the events that record them. */
public enum IssueAction {
    REGISTER("登记"),
    FORWARD("转办"),
    ACCEPT("签收"),
    RETURN("退回"),
    INTERIM_REPLY("阶段性答复"),
    ASSIST_OPINION("协办意见"),
    RESPOND("答复"),
    RELEASE("统一反馈"),
    SEND_BACK("退回重新答复"),
    PAUSE("等待企业补充"),
    RESUME("恢复办理"),
    CONFIRM("企业评价"),
    REOPEN("重办"),
    CLOSE_OUT("销号"),
    WITHDRAW("撤回"),
    REQUEST_EXTENSION("申请延期"),
    DECIDE_EXTENSION("延期审批"),
    SUPERVISE("督办"),
    MARK_DUPLICATE("重复诉求合并"),
    CLOSE_WITHOUT_CONFIRMATION("未确认销号"),
    ADD_PHOTO("添加照片");

    private final String label;

    IssueAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
