package cn.zoufang.ops;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.identity.TokenService;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A new replica's warm-up (#22): real read paths over its own port, nothing written, ready afterwards. */
@QuarkusTest
class WarmUpTest extends ApiTest {

    /** Requests of one round when the ledger has an issue: 5 as the office (one issue opened), 5 as an official. */
    private static final int LEAST_PER_ROUND = 10;

    @Inject
    TokenService tokens;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    @TestHTTPResource("/")
    URL base;

    private WarmUp warmUp() {
        return new WarmUp(new WarmUpConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int rounds() {
                return 2;
            }

            @Override
            public Duration max() {
                return Duration.ofMinutes(2);
            }
        }, tokens, json, clock);
    }

    @Test
    void runsThePhonesReadPathsWritesNothingAndThenReportsReady() throws Exception {
        Fixtures.forwardedIssue("预热时读到的诉求");
        long audited = Db.count("select count(*) from audit_event");
        long changed = Db.count("select count(*) from issue where sync_at > now() - interval '1 hour'")
                + Db.count("select count(*) from visit where sync_at > now() - interval '1 hour'");
        WarmUp warmUp = warmUp();
        assertEquals(HealthCheckResponse.Status.DOWN, warmUp.call().getStatus(), "not ready before it has run");

        WarmUp.Result r = warmUp.run(base.toURI(), 2);

        // Every path answered 2xx as the office's and an official's identity (a path renamed or refused fails here).
        assertEquals(0, r.failed(), "failed requests");
        assertTrue(r.requests() >= 2 * LEAST_PER_ROUND, "requests: " + r.requests());
        assertEquals(HealthCheckResponse.Status.UP, warmUp.call().getStatus());
        // Reads only: no audit row (the office's lists mask phones), no object touched.
        assertEquals(audited, Db.count("select count(*) from audit_event"));
        assertEquals(changed, Db.count("select count(*) from issue where sync_at > now() - interval '1 hour'")
                + Db.count("select count(*) from visit where sync_at > now() - interval '1 hour'"));
    }

    @Test
    void aReplicaThatCannotReachItselfIsReadyAnyway() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        WarmUp warmUp = warmUp();

        WarmUp.Result r = warmUp.run(URI.create("http://127.0.0.1:" + closed + "/"), 2);

        assertTrue(r.requests() > 0);
        assertEquals(r.requests(), r.failed(), "every request failed, none was fatal");
        assertEquals(HealthCheckResponse.Status.UP, warmUp.call().getStatus());
    }

    @Test
    void theServiceUnderTestHasItsWarmUpOffAndIsReady() {
        management().get("/q/health/group/warm-up").then().statusCode(200).body("status", is("UP"));
    }
}
