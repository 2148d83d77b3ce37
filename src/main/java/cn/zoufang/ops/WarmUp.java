package cn.zoufang.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.identity.Role;
import cn.zoufang.identity.TokenService;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.health.api.HealthGroup;
import io.vertx.core.Vertx;

/**
 * A new replica runs the phones' read paths against itself, over its own HTTP port, before it reports ready:
 * the JIT compiles them then, not while the first users wait (on a 2-core pod the first minute's p99 was three
 * times the later one). Reads only — a sync snapshot and a delta, the enterprise list, the ledger, issues, the
 * inbox — as identities that are no account: the office's view (the whole zone, contact phones masked, so
 * nothing is audited and no one's personal data is shown to anyone) and an official's (empty, but its queries'
 * plans are made). Identities change often enough that no rate limit is reached. The answers are thrown away.
 * Readiness waits for it, at most {@code zoufang.warm-up.max}; a request that fails is counted, never fatal.
 */
@Readiness
@HealthGroup("warm-up")
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final int CLIENTS = 2;

    /** What a warm-up did: requests sent, those that did not answer 2xx, and how long it took. */
    public record Result(int requests, int failed, Duration took) {
    }

    private final WarmUpConfig config;
    private final TokenService tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean done;

    public WarmUp(WarmUpConfig config, TokenService tokens, ObjectMapper json, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        this.done = !config.enabled();
    }

    void startup(@Observes StartupEvent event, Vertx vertx) {
        if (done) {
            return;
        }
        // Should the plain HTTP server never start (an HTTPS-only configuration), readiness is not held back.
        vertx.setTimer(config.max().plusSeconds(30).toMillis(), id -> {
            if (!started.get()) {
                LOG.warn("No HTTP server to warm up against: ready without a warm-up");
                done = true;
            }
        });
    }

    void started(@ObservesAsync HttpServerStart server) {
        if (done || !started.compareAndSet(false, true)) {
            return;
        }
        String host = server.options().getHost();
        boolean any = host == null || host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host);
        URI base = URI.create("http://" + (any ? "127.0.0.1" : host) + ":" + server.options().getPort());
        Thread t = new Thread(() -> {
            Result r = run(base, config.rounds());
            LOG.infof("Warmed up in %d ms: %d requests, %d failed", r.took().toMillis(), r.requests(), r.failed());
        }, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).build();
    }

    /** Runs {@code rounds} rounds, {@value #CLIENTS} at a time, then reports ready (also when it fails). */
    public Result run(URI base, int rounds) {
        Instant start = clock.instant();
        Instant deadline = start.plus(config.max());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        AtomicInteger left = new AtomicInteger(rounds);
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> {
            Thread t = new Thread(r, "warm-up-client");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    Client client = new Client(http, base, deadline, requests, failed);
                    int round;
                    while ((round = left.getAndDecrement()) > 0 && clock.instant().isBefore(deadline)) {
                        client.round(round);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Warm-up stopped early", e.getCause());
        } finally {
            clients.shutdownNow();
            done = true;
        }
        return new Result(requests.get(), failed.get(), Duration.between(start, clock.instant()));
    }

    /**
     * One client's rounds: mostly the light reads a phone makes all day (lists, an issue, the inbox, a delta sync),
     * every {@value #SNAPSHOT_EVERY}th round also the snapshots. The official's identity lasts from one snapshot to
     * the next (its delta cursor is bound to it); the office's is new each round.
     */
    private final class Client {

        private static final int SNAPSHOT_EVERY = 10;

        private final HttpClient http;
        private final URI base;
        private final Instant deadline;
        private final AtomicInteger requests;
        private final AtomicInteger failed;
        private final Duration ttl = config.max().plusMinutes(1);
        private String official;
        private String cursor;

        Client(HttpClient http, URI base, Instant deadline, AtomicInteger requests, AtomicInteger failed) {
            this.http = http;
            this.base = base;
            this.deadline = deadline;
            this.requests = requests;
            this.failed = failed;
        }

        void round(int round) {
            String office = tokens.warmUpToken(UUID.randomUUID(), Role.OFFICE, ttl);
            if (official == null || round % SNAPSHOT_EVERY == 0) {
                get(office, "/api/v1/sync?limit=50");
                official = tokens.warmUpToken(UUID.randomUUID(), Role.OFFICIAL, ttl);
                JsonNode first = get(official, "/api/v1/sync");
                cursor = first == null ? null : first.path("cursor").asText();
            }
            JsonNode enterprises = get(office, "/api/v1/enterprises?limit=20");
            if (enterprises != null && enterprises.hasNonNull("nextCursor")) {
                get(office, "/api/v1/enterprises?limit=20&cursor=" + param(enterprises.path("nextCursor").asText()));
            }
            JsonNode ledger = get(office, "/api/v1/issues?limit=20");
            if (ledger != null) {
                int n = 0;
                for (JsonNode issue : ledger.path("items")) {
                    if (n++ == 5) {
                        break;
                    }
                    get(office, "/api/v1/issues/" + issue.path("id").asText());
                }
            }
            get(office, "/api/v1/inbox?limit=20");
            if (cursor != null) {
                get(official, "/api/v1/sync?cursor=" + param(cursor));
            }
            get(official, "/api/v1/enterprises?limit=20");
            get(official, "/api/v1/issues?limit=20");
            get(official, "/api/v1/inbox?limit=20");
        }

        /** The answer's JSON, or null when it failed (counted) or the warm-up is out of time. */
        private JsonNode get(String token, String path) {
            if (!clock.instant().isBefore(deadline)) {
                return null;
            }
            requests.incrementAndGet();
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept-Encoding", "gzip")
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = r.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()
                        ? new GZIPInputStream(r.body()) : r.body()) {
                    if (r.statusCode() / 100 != 2) {
                        failed.incrementAndGet();
                        LOG.debugf("Warm-up request %s answered %d", path.replaceAll("\\?.*", ""), r.statusCode());
                        return null;
                    }
                    return json.readTree(body);
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                LOG.debugf("Warm-up request failed: %s", e.toString());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                return null;
            }
        }

        private static String param(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
