package cn.zoufang.web;

/**
 * The stable error codes of the API. Every code is catalogued in {@code mobile-contract/errors.md}
 * (a test keeps the two in step); the apps switch on the code, never on the Chinese title.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "请求内容有误"),
    MALFORMED_JSON(400, "请求格式有误"),
    UNKNOWN_PROPERTY(400, "请求包含不允许的字段"),
    INVALID_CREDIT_CODE(400, "统一社会信用代码不正确"),
    INVALID_CURSOR(400, "分页游标无效"),
    IMPORT_ROWS_INVALID(400, "导入文件有错误，未导入任何数据"),
    UNAUTHENTICATED(401, "未登录或登录已过期"),
    BAD_CREDENTIALS(401, "手机号或密码不正确"),
    REFRESH_TOKEN_INVALID(401, "登录凭证无效，请重新登录"),
    REFRESH_TOKEN_REUSED(401, "登录凭证已被使用，为安全起见已退出所有相关登录"),
    CODE_INVALID(401, "验证码不正确或已失效"),
    TOTP_REQUIRED(401, "请输入动态口令"),
    TOTP_INVALID(401, "动态口令不正确"),
    PASSWORD_CHANGE_REQUIRED(403, "请先修改初始密码"),
    FORBIDDEN(403, "无权执行此操作"),
    NOT_FOUND(404, "对象不存在"),
    METHOD_NOT_ALLOWED(405, "不支持该请求方法"),
    NOT_ACCEPTABLE(406, "不支持请求的返回格式"),
    DUPLICATE_CREDIT_CODE(409, "统一社会信用代码已存在"),
    DUPLICATE_NAME(409, "名称已存在"),
    DUPLICATE_PHONE(409, "手机号已被注册"),
    CONFLICT(409, "与当前数据冲突"),
    INVALID_STATE(409, "当前状态下不能执行此操作"),
    INVALID_TRANSITION(409, "诉求当前状态或您的身份不允许此操作"),
    UPLOAD_NOT_FOUND(409, "照片尚未上传"),
    REQUEST_IN_PROGRESS(409, "同一请求仍在处理中"),
    SYNC_CURSOR_EXPIRED(410, "同步游标已失效，请重新同步全部数据"),
    PRECONDITION_FAILED(412, "数据已被他人修改，请刷新后重试"),
    PAYLOAD_TOO_LARGE(413, "请求内容过大"),
    URI_TOO_LONG(414, "请求地址过长"),
    IDEMPOTENCY_KEY_REUSED(422, "幂等键已用于其他请求"),
    VISIT_CODE_INVALID(422, "走访确认码无效"),
    APP_UPDATE_REQUIRED(426, "应用版本过低，请升级到最新版本后再使用"),
    UNSUPPORTED_MEDIA_TYPE(415, "不支持的内容类型"),
    PRECONDITION_REQUIRED(428, "修改时必须带上 If-Match"),
    TOO_MANY_LOGIN_ATTEMPTS(429, "登录失败次数过多，请稍后再试"),
    TOO_MANY_REQUESTS(429, "操作过于频繁，请稍后再试"),
    TOO_MANY_CODE_ATTEMPTS(429, "验证码错误次数过多，请重新获取"),
    INTERNAL_ERROR(500, "服务器内部错误"),
    SERVICE_UNAVAILABLE(503, "服务暂时不可用，请稍后再试"),
    STORAGE_UNAVAILABLE(503, "照片存储暂时不可用，请稍后再试");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
