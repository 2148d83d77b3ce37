package cn.zoufang.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import cn.zoufang.notify.sms.AliyunSms;
import io.smallrye.health.api.HealthGroup;

/** Says which push channels, and SMS, are on. Never DOWN: without push the inbox still carries every notification. */
@Readiness
@HealthGroup("push")
@ApplicationScoped
public class PushHealthCheck implements HealthCheck {

    private final Instance<PushChannel> channels;
    private final AliyunSms sms;

    public PushHealthCheck(Instance<PushChannel> channels, AliyunSms sms) {
        this.channels = channels;
        this.sms = sms;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder up = HealthCheckResponse.named("push").up();
        channels.forEach(c -> up.withData(c.provider().name().toLowerCase(java.util.Locale.ROOT),
                c.enabled() ? "on" : "off: " + c.disabledReason()));
        up.withData("sms", sms.enabled() ? "on" : "off: no Alibaba Cloud SMS AccessKey or signature");
        return up.build();
    }
}
