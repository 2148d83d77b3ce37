package cn.zoufang.notify.sms;

import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;

import cn.zoufang.notify.PushChannel.Outcome;
import cn.zoufang.notify.PushChannel.Result;
import io.quarkus.runtime.Startup;

/**
 * Alibaba Cloud SMS through its own SDK ({@code dysmsapi20170525}). Blocking: called on a worker thread.
 * {@code OK} sent (the BizId matches the status report later); {@code isv.BUSINESS_LIMIT_CONTROL} is Alibaba's
 * own per-phone flow control and {@code Throttling*} its API's, both wait; a number it refuses fails for good.
 * Built at start (as the push channels are), not on the event loop by the first notification that needs it.
 */
@Singleton
@Startup
public class AliyunSms {

    private static final Logger LOG = Logger.getLogger(AliyunSms.class);
    static final Set<String> WAIT = Set.of("isv.BUSINESS_LIMIT_CONTROL", "Throttling", "Throttling.User", "Throttling.Api");
    static final Set<String> TRANSIENT = Set.of("isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY", "isv.AMOUNT_NOT_ENOUGH",
            "ServiceUnavailable", "InternalError");

    private final Client client;
    private final SmsConfig config;

    public AliyunSms(SmsConfig config) throws Exception {
        this.config = config;
        if (config.accessKeyId().filter(s -> !s.isBlank()).isEmpty()
                || config.accessKeySecret().filter(s -> !s.isBlank()).isEmpty()
                || config.signName().filter(s -> !s.isBlank()).isEmpty()) {
            client = null;
            LOG.warn("SMS is off: no Alibaba Cloud SMS AccessKey or signature (ZOUFANG_SMS_*). Push and the inbox still work.");
            return;
        }
        Config c = new Config().setAccessKeyId(config.accessKeyId().get()).setAccessKeySecret(config.accessKeySecret().get())
                .setEndpoint(config.endpoint()).setProtocol(config.protocol()).setRegionId("cn-hangzhou")
                .setConnectTimeout(5000).setReadTimeout(20000);
        client = new Client(c);
    }

    public boolean enabled() {
        return client != null;
    }

    /** One SMS; {@code outId} (the outbox row's id) comes back in the status report. */
    public Result send(String phone, String templateCode, String paramsJson, String outId) {
        SendSmsRequest request = new SendSmsRequest().setPhoneNumbers(phone).setSignName(config.signName().orElseThrow())
                .setTemplateCode(templateCode).setTemplateParam(paramsJson).setOutId(outId);
        try {
            SendSmsResponseBody body = client.sendSmsWithOptions(request, new RuntimeOptions()).getBody();
            return outcome(body.getCode(), body.getMessage(), body.getBizId());
        } catch (TeaException e) {
            return outcome(e.getCode(), e.getMessage(), null);
        } catch (Exception e) {
            // The SDK wraps network faults in TeaUnretryableException / RuntimeException: tried again later.
            return Result.of(Outcome.RETRY, "SMS: " + e);
        }
    }

    static Result outcome(String code, String message, String bizId) {
        if ("OK".equals(code)) {
            return Result.sent(bizId);
        }
        String error = "SMS " + code + ": " + message;
        if (code != null && WAIT.contains(code)) {
            return Result.limited(error, null);
        }
        return Result.of(code == null || TRANSIENT.contains(code) ? Outcome.RETRY : Outcome.FAILED, error);
    }
}
