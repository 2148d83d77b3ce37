package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * the local FCM server (claim, send, record), and the same spread over every push channel. Run with
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

    /** Dispatches until nothing is due; @return how many pushes were attempted */
    private int drain() throws Throwable {
        int sent = 0;
        while (sent < PUSHES) {
            int n = VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
            if (n == 0) {
                break;
            }
            sent += n;
        }
        return sent;
    }

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
        int sent = drain();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(PUSHES, TestFcmSetup.FCM.deliveredTo("bench-" + device).size() - before);
        System.out.printf("PUSH BENCHMARK: %d pushes in %.1f s = %.0f pushes/s%n", PUSHES, seconds, PUSHES / seconds);
    }

    /**
     * The same 10,000 pushes spread evenly over every channel: FCM, Huawei (Android and HarmonyOS), Honor,
     * Xiaomi, OPPO and vivo, each through its real client to its local server. One device per channel, so each
     * notification's push is one token in one request (the vendors' batching of many tokens does not help here).
     */
    @Test
    void drainTenThousandPushesOverEveryChannel() throws Throwable {
        List<String[]> devices = List.of(new String[] { "ANDROID", "FCM" }, new String[] { "ANDROID", "HMS" },
                new String[] { "HARMONY", "HMS" }, new String[] { "ANDROID", "HONOR" }, new String[] { "ANDROID", "XIAOMI" },
                new String[] { "ANDROID", "OPPO" }, new String[] { "ANDROID", "VIVO" });
        List<String> ids = new ArrayList<>();
        for (String[] d : devices) {
            String id = UUID.randomUUID().toString();
            as(DEPARTMENT).body(Map.of("token", "bench-" + d[1].toLowerCase() + "-" + id, "platform", d[0], "provider", d[1]))
                    .put("/api/v1/devices/" + id).then().statusCode(200);
            ids.add(id);
        }
        String array = "array['" + String.join("','", ids) + "']::uuid[]";
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("update push_delivery set status = 'SENT' where status = 'PENDING'");
            s.execute("drop table if exists bench_n");
            s.execute("create temporary table bench_n as select gen_random_uuid() as id, g from generate_series(0, "
                    + (PUSHES - 1) + ") g");
            s.execute("insert into notification (id, account_id, type, object_type, object_id, urgent, created_at)"
                    + " select b.id, (select account_id from device where id = '" + ids.get(0) + "'), 'ISSUE_FORWARDED',"
                    + " 'ISSUE', gen_random_uuid(), false, now() from bench_n b");
            s.execute("insert into push_delivery (notification_id, device_id, status, next_attempt_at)"
                    + " select b.id, (" + array + ")[b.g % " + ids.size() + " + 1], 'PENDING', now() from bench_n b");
        }
        long start = System.nanoTime();
        int sent = drain();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(PUSHES, sent);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from push_delivery where status = 'SENT' and device_id = any("
                        + array + ")")) {
            rs.next();
            assertEquals(PUSHES, rs.getLong(1));
        }
        System.out.printf("PUSH BENCHMARK (every channel): %d pushes over %d channels in %.1f s = %.0f pushes/s%n", PUSHES,
                devices.size(), seconds, PUSHES / seconds);
    }
}
