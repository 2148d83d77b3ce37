package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Not a test: measures how fast the outbox drains 10,000 pushes through the real Firebase Admin SDK to
 * the local FCM server (claim, send, record). Run with
 * {@code ./mvnw test -Dtest=PushBenchmark -Dtest.excluded.groups=none}; the figure goes in the README.
 */
@QuarkusTest
@Tag("benchmark")
class PushBenchmark extends ApiTest {

    private static final int PUSHES = 10_000;

    @Inject
    PushDispatcher dispatcher;

    @Inject
    AgroalDataSource db;

    @Test
    void drainTenThousandPushes() throws Throwable {
        String device = UUID.randomUUID().toString();
        as(DEPARTMENT).body(Map.of("token", "bench-" + device, "platform", "ANDROID")).put("/api/v1/devices/" + device)
                .then().statusCode(200);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("update push_delivery set status = 'SENT' where status = 'PENDING'");
            s.execute("insert into notification (id, account_id, type, object_type, object_id, urgent, created_at)"
                    + " select gen_random_uuid(), d.account_id, 'ISSUE_FORWARDED', 'ISSUE', gen_random_uuid(), false, now()"
                    + " from device d, generate_series(1, " + PUSHES + ") where d.id = '" + device + "'");
            s.execute("insert into push_delivery (notification_id, device_id, status, next_attempt_at)"
                    + " select n.id, '" + device + "', 'PENDING', now() from notification n"
                    + " where n.account_id = (select account_id from device where id = '" + device + "')"
                    + " and not exists (select 1 from push_delivery p where p.notification_id = n.id)");
        }
        int before = TestFcmSetup.FCM.deliveredTo("bench-" + device).size();
        long start = System.nanoTime();
        int sent = 0;
        while (sent < PUSHES) {
            int n = VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
            if (n == 0) {
                break;
            }
            sent += n;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(PUSHES, TestFcmSetup.FCM.deliveredTo("bench-" + device).size() - before);
        System.out.printf("PUSH BENCHMARK: %d pushes in %.1f s = %.0f pushes/s%n", PUSHES, seconds, PUSHES / seconds);
    }
}
