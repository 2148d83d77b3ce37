package cn.zoufang.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for fcm.googleapis.com that speaks FCM HTTP v1: {@code POST
 * /v1/projects/{project}/messages:send} answers {@code {"name": "projects/p/messages/N"}}, or the error a
 * test queued, in FCM's own error format, so that the real Admin SDK parses it as it would Google's.
 */
public final class FakeFcmServer {

    public record Received(String token, JsonNode message) {
    }

    private record Scripted(int status, String errorCode, String grpcStatus, String retryAfter) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean down;
    private volatile long delayMillis;

    public FakeFcmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/projects/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode message = JSON.readTree(body).path("message");
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Scripted next = down ? new Scripted(503, "UNAVAILABLE", "UNAVAILABLE", null) : script.poll();
            if (down) {
                refused.incrementAndGet();
            }
            String answer;
            int status;
            if (next == null) {
                received.add(new Received(message.path("token").asText(), message));
                status = 200;
                answer = "{\"name\": \"projects/zoufang-test/messages/" + ids.incrementAndGet() + "\"}";
            } else {
                status = next.status();
                answer = "{\"error\": {\"code\": " + next.status() + ", \"message\": \"" + next.errorCode()
                        + " (scripted)\", \"status\": \"" + next.grpcStatus() + "\", \"details\": [{\"@type\":"
                        + " \"type.googleapis.com/google.firebase.fcm.v1.FcmError\", \"errorCode\": \""
                        + next.errorCode() + "\"}]}}";
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        // Google's OAuth token endpoint, for a service-account JSON whose token_uri points here.
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            tokens.incrementAndGet();
            byte[] out = "{\"access_token\": \"fake-access-token\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /** While down, every send is answered 503 UNAVAILABLE (as FCM does in an outage), however often it is retried. */
    public void down(boolean down) {
        this.down = down;
    }

    /** How many sends were refused while down (the Admin SDK's own retries included). */
    public long refused() {
        return refused.get();
    }

    /** How many OAuth tokens were handed out. */
    public long tokensIssued() {
        return tokens.get();
    }

    public void stop() {
        server.stop(0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} sends answer this error instead of delivering. */
    public void failNext(int times, int status, String errorCode, String grpcStatus, String retryAfter) {
        for (int i = 0; i < times; i++) {
            script.add(new Scripted(status, errorCode, grpcStatus, retryAfter));
        }
    }

    public List<Received> delivered() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> deliveredTo(String token) {
        return delivered().stream().filter(r -> r.token().equals(token)).toList();
    }

    /** Every answer takes this long (a slow FCM); zero again after {@link #reset()}. */
    public void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    public void reset() {
        script.clear();
        delayMillis = 0;
    }
}
