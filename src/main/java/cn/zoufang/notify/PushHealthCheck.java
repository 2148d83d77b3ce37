package cn.zoufang.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import io.smallrye.health.api.HealthGroup;

/** Says whether push is on. Never DOWN: without push the inbox still carries every notification. */
@Readiness
@HealthGroup("push")
@ApplicationScoped
public class PushHealthCheck implements HealthCheck {

    private final PushChannel channel;

    public PushHealthCheck(PushChannel channel) {
        this.channel = channel;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("push").up()
                .withData("fcm", channel.enabled() ? "on" : "off: " + channel.disabledReason()).build();
    }
}
