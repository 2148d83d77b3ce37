package cn.zoufang.notify.sms;

import java.util.Optional;

/**
 * The pre-approved templates, and the only variables each carries: a ledger number (not personal) or a
 * one-time code. No free text ever goes by SMS. Their text lives in the Alibaba Cloud console, e.g.
 * 督办: "您单位承办的诉求${ledgerNo}已被督办，请登录走访系统尽快办理。"
 */
public enum SmsTemplate {
    SUPERVISED(false),
    OVERDUE(false),
    URGENT_UNREAD(false),
    RATE_ANSWER(false),
    LOGIN_CODE(true),
    PASSWORD_RESET_CODE(true),
    ACTIVATION_CODE(true);

    private final boolean oneTimeCode;

    SmsTemplate(boolean oneTimeCode) {
        this.oneTimeCode = oneTimeCode;
    }

    /** A one-time code goes at once, at any hour, and its code is erased once sent. */
    public boolean oneTimeCode() {
        return oneTimeCode;
    }

    Optional<String> code(SmsConfig.Templates templates) {
        return (switch (this) {
            case SUPERVISED -> templates.supervised();
            case OVERDUE -> templates.overdue();
            case URGENT_UNREAD -> templates.urgentUnread();
            case RATE_ANSWER -> templates.rateAnswer();
            case LOGIN_CODE -> templates.loginCode();
            case PASSWORD_RESET_CODE -> templates.passwordResetCode();
            case ACTIVATION_CODE -> templates.activationCode();
        }).filter(s -> !s.isBlank());
    }
}
