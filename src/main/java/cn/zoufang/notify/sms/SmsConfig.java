package cn.zoufang.notify.sms;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SMS through Alibaba Cloud (dysmsapi 2017-05-25): credentials, the approved signature and templates, limits, rules. */
@ConfigMapping(prefix = "zoufang.sms")
public interface SmsConfig {

    /** A RAM user's AccessKey with only the SMS permission; without it (and the secret) SMS is off. */
    Optional<String> accessKeyId();

    Optional<String> accessKeySecret();

    @WithDefault("dysmsapi.aliyuncs.com")
    String endpoint();

    /** HTTPS in production; the tests' local SMS server speaks HTTP. */
    @WithDefault("HTTPS")
    String protocol();

    /** The approved signature (短信签名), e.g. 某某开发区. */
    Optional<String> signName();

    /** The approved template codes (SMS_…), one per {@link SmsTemplate}; a template without a code is not sent. */
    Templates templates();

    interface Templates {
        Optional<String> supervised();

        Optional<String> overdue();

        Optional<String> urgentUnread();

        Optional<String> rateAnswer();

        Optional<String> loginCode();

        Optional<String> passwordResetCode();

        Optional<String> activationCode();
    }

    /** At most this many SMS to one phone a minute, and a day (China time); more wait their turn. */
    @WithDefault("1")
    int perPhonePerMinute();

    @WithDefault("10")
    int perPhonePerDay();

    /** SMS other than one-time codes created in these hours (China time) wait until they end. */
    @WithDefault("22:00")
    LocalTime quietFrom();

    @WithDefault("08:00")
    LocalTime quietUntil();

    /** The rules: a 督办 and an issue overdue for its lead department go to its handlers by SMS at once. */
    @WithDefault("true")
    boolean supervised();

    @WithDefault("true")
    boolean overdue();

    /** An enterprise contact without the app is invited by SMS to rate an answer. */
    @WithDefault("true")
    boolean rateInvite();

    /** An urgent notification unread this long with no push receipt falls back to SMS, once ({@code PT0S}: never). */
    @WithDefault("PT30M")
    Duration fallbackAfter();

    /** How often due SMS are sent ("off" in tests, which run it directly). */
    @WithDefault("5s")
    String dispatchEvery();

    @WithDefault("10")
    int maxAttempts();

    /** SMS records (with their phone numbers) are deleted this long after they were made: a year's costs and a month. */
    @WithDefault("P400D")
    Duration retention();

    /**
     * The secret path segment of the status-report callback ({@code POST /api/v1/sms-receipts/{secret}}):
     * Alibaba Cloud signs nothing it pushes, so only a URL nobody can guess admits its reports. Without it,
     * reports are refused.
     */
    Optional<String> receiptSecret();
}
