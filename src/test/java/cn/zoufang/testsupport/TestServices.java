package cn.zoufang.testsupport;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import cn.zoufang.notify.sms.FakeAliyunSms;
import cn.zoufang.notify.vendor.FakeVendorPush;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real PostgreSQL and S3 server once for the whole test run, and the local stand-ins for the
 * phone makers' push services that the vendor channels are configured to reach.
 */
public class TestServices implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalServices services;
    private static volatile FakeVendorPush vendors;
    private static volatile FakeAliyunSms sms;

    /** Alibaba Cloud SMS, local. */
    public static FakeAliyunSms sms() {
        return sms;
    }

    /** The phone makers' push services, as one local server. */
    public static FakeVendorPush vendors() {
        return vendors;
    }

    /** The running services, for tests that stop and restart one of them. */
    public static LocalServices current() {
        return services;
    }

    @Override
    public Map<String, String> start() {
        try {
            var dir = Files.createTempDirectory(LocalServices.projectDir().resolve("target"), "services-");
            services = LocalServices.start(dir, 0, 0, false);
            vendors = new FakeVendorPush();
            Map<String, String> config = new HashMap<>(services.config());
            config.putAll(vendors.config());
            sms = new FakeAliyunSms();
            config.putAll(sms.config());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the local services for tests", e);
        }
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
        if (vendors != null) {
            vendors.stop();
        }
        if (sms != null) {
            sms.stop();
        }
    }
}
