package cn.zoufang.notify;

/**
 * What a notification is about, with the generic Chinese title and text that a push carries. Push
 * payloads leave the country through Google's servers, so they never name a person or an enterprise:
 * the app fetches the details over the API.
 */
public enum NotificationType {
    ISSUE_FORWARDED("新的转办诉求", "您有一条新的转办诉求，请及时签收办理", "ISSUE", PushClass.TODO),
    ISSUE_RETURNED("诉求被退回", "一条诉求被责任单位退回，请重新转办", "ISSUE", PushClass.TODO),
    ASSIST_REQUESTED("新的协办诉求", "您有一条新的协办诉求，请在期限内提交协办意见", "ISSUE", PushClass.TODO),
    ASSIST_OPINION_FILED("协办意见已提交", "协办单位已提交意见，请在答复前查看", "ISSUE", PushClass.NOTICE),
    ASSIST_OPINION_OVERDUE("协办意见已超期", "一条诉求的协办意见已超过期限，请尽快提交", "ISSUE", PushClass.TODO),
    ISSUE_PROGRESS("诉求有新进展", "您的诉求有新的办理进展，请查看", "ISSUE", PushClass.NOTICE),
    ISSUE_WAITING_FOR_ENTERPRISE("诉求需要您补充", "办理您的诉求需要补充材料或约定时间，请查看", "ISSUE", PushClass.TODO),
    ISSUE_RESUMED("诉求恢复办理", "一条暂停计时的诉求已恢复办理，期限继续计算", "ISSUE", PushClass.TODO),
    ANSWER_TO_RELEASE("答复待统一反馈", "一条诉求的答复待审核后反馈企业，请及时处理", "ISSUE", PushClass.TODO),
    ANSWER_SENT_BACK("答复被退回", "一条诉求的答复被企情收处中心退回，请重新答复", "ISSUE", PushClass.TODO),
    ISSUE_ANSWERED("诉求已答复", "您关注的诉求已有答复，请查看", "ISSUE", PushClass.NOTICE),
    ISSUE_REOPENED("诉求需重新办理", "企业对答复不满意，诉求已重新办理", "ISSUE", PushClass.TODO),
    EXTENSION_DECIDED("延期申请已审批", "您的延期申请已有审批结果", "ISSUE", PushClass.NOTICE),
    ISSUE_SUPERVISED("诉求被督办", "一条诉求已被领导小组办公室督办，请尽快办理", "ISSUE", PushClass.TODO),
    ISSUE_CLOSED("诉求已销号", "您的诉求已销号，感谢您的反馈", "ISSUE", PushClass.NOTICE),
    ISSUE_DUE_SOON("诉求即将到期", "一条诉求即将到达办理期限，请抓紧办理", "ISSUE", PushClass.TODO),
    ISSUE_OVERDUE("诉求已超期", "一条诉求已超过办理期限，请尽快办理", "ISSUE", PushClass.TODO),
    ISSUE_NEEDS_SUPERVISION("诉求超期待督办", "一条诉求超期较久，需要督办", "ISSUE", PushClass.TODO),
    FOLLOW_UP_DUE("请安排回访", "一条已销号的诉求需要回访企业", "ISSUE", PushClass.TODO),
    PHOTO_REJECTED("照片未通过核验", "您上传的照片未通过核验，请重新拍摄上传", "PHOTO", PushClass.TODO),
    VISIT_GAPS("有企业到期未走访", "本组有挂点企业已超过走访周期尚未走访，请及时安排", "GROUP", PushClass.TODO),
    REPORT_DUE("请报送上月月报", "本组上月工作月报已可填写，请按时报送", "REPORT", PushClass.TODO),
    REPORT_REMINDER("月报即将截止", "本组上月工作月报即将截止报送，请尽快报送", "REPORT", PushClass.TODO),
    REPORT_LATE("月报已逾期", "本组上月工作月报已超过报送期限，请尽快报送", "REPORT", PushClass.TODO),
    REPORT_RETURNED("月报被退回", "本组月报已被领导小组办公室退回，请修改后重新报送", "REPORT", PushClass.TODO),
    PROJECT_REPORT_DUE("请报送重点项目月报", "您单位负责的重点项目上月进展已可报送，请按时报送", "PROJECT", PushClass.TODO),
    PROJECT_REPORT_REMINDER("重点项目月报即将截止", "您单位负责的重点项目上月进展即将截止报送，请尽快报送", "PROJECT", PushClass.TODO),
    PROJECT_REPORT_LATE("重点项目月报已逾期", "您单位负责的重点项目上月进展已超过报送期限，请尽快报送", "PROJECT", PushClass.TODO),
    FIGURE_CONTEST_RAISED("指标异议待决定", "有单位对已结束统计期的指标提出了异议，请查看并作出决定", "FIGURE_CONTEST", PushClass.TODO),
    FIGURE_CONTEST_DECIDED("指标异议已有决定", "您提出的指标异议已有决定，请查看", "FIGURE_CONTEST", PushClass.NOTICE),
    /** The day's non-urgent notifications in one push, for those who chose it; the object is the inbox. */
    DAILY_DIGEST("每日消息摘要", "您有新的消息，请打开消息中心查看", "INBOX", PushClass.NOTICE);

    private final String title;
    private final String body;
    private final String objectType;
    private final PushClass pushClass;

    NotificationType(String title, String body, String objectType, PushClass pushClass) {
        this.title = title;
        this.body = body;
        this.objectType = objectType;
        this.pushClass = pushClass;
    }

    /** The one place a type is classed for the phone makers' push services (see {@link PushClass}). */
    public PushClass pushClass() {
        return pushClass;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public String objectType() {
        return objectType;
    }
}
