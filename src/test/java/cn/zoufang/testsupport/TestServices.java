package cn.zoufang.testsupport;

import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the real PostgreSQL and S3 server once for the whole test run. */
public class TestServices implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalServices services;

    /** The running services, for tests that stop and restart one of them. */
    public static LocalServices current() {
        return services;
    }

    @Override
    public Map<String, String> start() {
        try {
            var dir = Files.createTempDirectory(LocalServices.projectDir().resolve("target"), "services-");
            services = LocalServices.start(dir, 0, 0, false);
            return services.config();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the local services for tests", e);
        }
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }
}
