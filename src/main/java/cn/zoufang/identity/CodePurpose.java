package cn.zoufang.identity;

import java.time.Duration;

import cn.zoufang.notify.sms.SmsTemplate;

/**
 * What a one-time code is for, how it reaches its owner and how long it lives. Codes sent by SMS have 6
 * digits and live 5 minutes; the admin's reset code is read out to its owner (by phone, at the desk), so it
 * has 8 digits and lives a day. Each allows 5 tries.
 */
public enum CodePurpose {
    LOGIN(SmsTemplate.LOGIN_CODE, 6, Duration.ofMinutes(5)),
    PASSWORD_RESET(SmsTemplate.PASSWORD_RESET_CODE, 6, Duration.ofMinutes(5)),
    ACTIVATION(SmsTemplate.ACTIVATION_CODE, 6, Duration.ofMinutes(5)),
    ADMIN_RESET(null, 8, Duration.ofHours(24));

    public static final int MAX_TRIES = 5;

    private final SmsTemplate template;
    private final int digits;
    private final Duration lifetime;

    CodePurpose(SmsTemplate template, int digits, Duration lifetime) {
        this.template = template;
        this.digits = digits;
        this.lifetime = lifetime;
    }

    /** The SMS template that carries it; null for the admin's reset code, which is handed over in person. */
    public SmsTemplate template() {
        return template;
    }

    public int digits() {
        return digits;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
