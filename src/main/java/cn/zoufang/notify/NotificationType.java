package cn.zoufang.notify;

/**
 * What a notification is about, with the generic Chinese title and text that a push carries. Push
 * payloads leave the country through Google's servers, so they never name a person or an enterprise:
 * the app fetches the details over the API.
 */
public enum NotificationType {
    ISSUE_FORWARDED("新的转办诉求", "您有一条新的转办诉求，请及时签收办理", "ISSUE"),
    ISSUE_RETURNED("诉求被退回", "一条诉求被责任单位退回，请重新转办", "ISSUE"),
    ISSUE_ANSWERED("诉求已答复", "您关注的诉求已有答复，请查看", "ISSUE"),
    ISSUE_REOPENED("诉求需重新办理", "企业对答复不满意，诉求已重新办理", "ISSUE"),
    EXTENSION_DECIDED("延期申请已审批", "您的延期申请已有审批结果", "ISSUE"),
    ISSUE_SUPERVISED("诉求被督办", "一条诉求已被领导小组办公室督办，请尽快办理", "ISSUE"),
    ISSUE_CLOSED("诉求已销号", "您的诉求已销号，感谢您的反馈", "ISSUE"),
    ISSUE_DUE_SOON("诉求即将到期", "一条诉求即将到达办理期限，请抓紧办理", "ISSUE"),
    ISSUE_OVERDUE("诉求已超期", "一条诉求已超过办理期限，请尽快办理", "ISSUE"),
    ISSUE_NEEDS_SUPERVISION("诉求超期待督办", "一条诉求超期较久，需要督办", "ISSUE"),
    FOLLOW_UP_DUE("请安排回访", "一条已销号的诉求需要回访企业", "ISSUE"),
    PHOTO_REJECTED("照片未通过核验", "您上传的照片未通过核验，请重新拍摄上传", "PHOTO"),
    VISIT_GAPS("本月还有企业未走访", "本组还有挂点企业本月尚未走访，请及时安排", "GROUP"),
    REPORT_DUE("请报送上月月报", "本组上月工作月报已可填写，请按时报送", "REPORT"),
    REPORT_REMINDER("月报即将截止", "本组上月工作月报即将截止报送，请尽快报送", "REPORT"),
    REPORT_LATE("月报已逾期", "本组上月工作月报已超过报送期限，请尽快报送", "REPORT"),
    REPORT_RETURNED("月报被退回", "本组月报已被领导小组办公室退回，请修改后重新报送", "REPORT"),
    /** The day's non-urgent notifications in one push, for those who chose it; the object is the inbox. */
    DAILY_DIGEST("每日消息摘要", "您有新的消息，请打开消息中心查看", "INBOX");

    private final String title;
    private final String body;
    private final String objectType;

    NotificationType(String title, String body, String objectType) {
        this.title = title;
        this.body = body;
        this.objectType = objectType;
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
