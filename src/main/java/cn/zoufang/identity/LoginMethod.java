package cn.zoufang.identity;

/** How a login (a session) began, as its owner sees it in the list of sessions. */
public enum LoginMethod {
    PASSWORD("密码登录"),
    SMS_CODE("短信验证码登录"),
    PASSWORD_CHANGE("修改密码"),
    PASSWORD_RESET("重置密码"),
    ACTIVATION("激活账号");

    private final String label;

    LoginMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
