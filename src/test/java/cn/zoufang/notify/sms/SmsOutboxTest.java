package cn.zoufang.notify.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import cn.zoufang.notify.PushConfig;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The outbox's rules that need no database: quiet hours, codes at any hour, SMS off. */
class SmsOutboxTest {

    /** Production's defaults, SMS credentials as configured here (none: SMS off) or as given. */
    private static SmsOutbox outbox(boolean smsOn) throws Exception {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(SmsConfig.class).withMapping(PushConfig.class);
        if (smsOn) {
            builder.withDefaultValue("zoufang.sms.access-key-id", "id").withDefaultValue("zoufang.sms.access-key-secret", "s")
                    .withDefaultValue("zoufang.sms.sign-name", "走访").withDefaultValue("zoufang.sms.templates.login-code", "SMS_1")
                    .withDefaultValue("zoufang.sms.templates.supervised", "SMS_2");
        }
        SmallRyeConfig config = builder.build();
        SmsConfig sms = config.getConfigMapping(SmsConfig.class);
        return new SmsOutbox(sms, config.getConfigMapping(PushConfig.class), new AliyunSms(sms), Clock.systemUTC());
    }

    private static OffsetDateTime china(int day, int hour) {
        return ZonedDateTime.of(2026, 12, day, hour, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
    }

    @Test
    void aRuleSmsAt2300WaitsFor0800ButACodeGoesAtOnce() throws Exception {
        SmsOutbox outbox = outbox(true);
        assertEquals(china(3, 8).toInstant(), outbox.sendAt(SmsTemplate.SUPERVISED, china(2, 23)).toInstant());
        assertEquals(china(2, 8).toInstant(), outbox.sendAt(SmsTemplate.SUPERVISED, china(2, 3)).toInstant());
        assertEquals(china(2, 15).toInstant(), outbox.sendAt(SmsTemplate.SUPERVISED, china(2, 15)).toInstant());
        assertEquals(china(2, 23).toInstant(), outbox.sendAt(SmsTemplate.LOGIN_CODE, china(2, 23)).toInstant());
    }

    @Test
    void aTemplateWithoutAnApprovedCodeOrWithSmsOffIsNeverQueued() throws Exception {
        SmsOutbox on = outbox(true);
        assertTrue(on.on(SmsTemplate.SUPERVISED));
        assertFalse(on.on(SmsTemplate.OVERDUE), "no template code configured");
        SmsOutbox off = outbox(false);
        assertFalse(off.on(SmsTemplate.SUPERVISED));
        ApiException refused = assertThrows(ApiException.class,
                () -> off.send("13900000000", SmsTemplate.LOGIN_CODE, "123456").await().indefinitely());
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.code());
        assertThrows(IllegalArgumentException.class, () -> on.send("13900000000", SmsTemplate.SUPERVISED, "x"));
    }
}
