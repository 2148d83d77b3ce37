package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.PushChannel;

/**
 * What the phone makers' push services have in common, written once: a plain HTTP client (none of them
 * publishes a maintained Java SDK on Maven Central), an access token kept until a minute before it ends
 * and fetched again when the vendor says it expired, pushes of one notification sent in one request up to
 * the vendor's batch size (a few requests in flight at once), and the answers every vendor gives alike
 * (429 and 503 are flow control, other 5xx and network faults are transient). Blocking: the dispatcher
 * calls it on a worker thread, and waits for its requests.
 */
public abstract class VendorChannel implements PushChannel {

    protected static final ObjectMapper JSON = new ObjectMapper();
    /** How long a vendor keeps a push for an offline phone: a day, then the inbox has it anyway. */
    protected static final int TTL_SECONDS = 86_400;

    /** Requests of one dispatch in flight at once, per channel: well under every vendor's rate, far faster than one by one. */
    static final int CONCURRENT_REQUESTS = 8;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService requestPool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS, r -> {
        Thread t = new Thread(r, "push-" + getClass().getSimpleName());
        t.setDaemon(true);
        return t;
    });
    protected final Clock clock;

    static final Duration RENEWED_RECENTLY = Duration.ofSeconds(10);

    private String accessToken;
    private Instant accessTokenFetched = Instant.MIN;
    private Instant accessTokenEnds = Instant.MIN;

    protected VendorChannel(Clock clock) {
        this.clock = clock;
    }

    /** The most pushes one request may carry. */
    protected abstract int batchSize();

    /** Pushes with the same key go in one request: by default those of one notification (the same payload). */
    protected String batchKey(Push push) {
        return push.notificationId();
    }

    /** One request; the results in the order of {@code batch}. */
    protected abstract List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException;

    /** A new access token from the vendor's authentication API; vendors that sign each request do not need one. */
    protected AccessToken fetchAccessToken() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    protected record AccessToken(String value, long expiresInSeconds) {
    }

    /** Thrown when the vendor refused the authentication itself: the pushes wait and are tried again. */
    protected static final class AuthFailed extends IOException {
        public AuthFailed(String message) {
            super(message);
        }
    }

    @Override
    public List<Result> send(List<Push> pushes) {
        Result[] results = new Result[pushes.size()];
        Map<String, List<Integer>> batches = new LinkedHashMap<>();
        for (int i = 0; i < pushes.size(); i++) {
            batches.computeIfAbsent(batchKey(pushes.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<Future<?>> requests = new ArrayList<>();
        for (List<Integer> indexes : batches.values()) {
            for (int from = 0; from < indexes.size(); from += batchSize()) {
                List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + batchSize()));
                requests.add(requestPool.submit(() -> {
                    List<Result> answer = sendOrRetry(chunk.stream().map(pushes::get).toList());
                    for (int j = 0; j < chunk.size(); j++) {
                        results[chunk.get(j)] = answer.get(j);
                    }
                }));
            }
        }
        for (Future<?> request : requests) {
            try {
                request.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = Result.of(Outcome.RETRY, "interrupted");
            }
        }
        return List.of(results);
    }

    private List<Result> sendOrRetry(List<Push> batch) {
        try {
            return sendBatch(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(batch.size(), Result.of(Outcome.RETRY, "interrupted"));
        } catch (IOException | RuntimeException e) {
            // Network, a refused authentication, an answer that is not the vendor's JSON: tried again later.
            return all(batch.size(), Result.of(Outcome.RETRY, provider() + ": " + e));
        }
    }

    @PreDestroy
    void close() {
        requestPool.shutdownNow();
    }

    /**
     * The cached access token, or a new one when it is about to end or {@code renew} says the vendor refused it.
     * Requests in flight together that were all refused renew it once: a token fetched in the last
     * {@link #RENEWED_RECENTLY} is taken as the renewal.
     */
    protected synchronized String accessToken(boolean renew) throws IOException, InterruptedException {
        Instant now = clock.instant();
        boolean justFetched = accessToken != null && now.isBefore(accessTokenFetched.plus(RENEWED_RECENTLY));
        if ((renew && !justFetched) || accessToken == null || !now.isBefore(accessTokenEnds.minusSeconds(60))) {
            AccessToken fresh = fetchAccessToken();
            accessToken = fresh.value();
            accessTokenFetched = now;
            accessTokenEnds = now.plusSeconds(fresh.expiresInSeconds());
        }
        return accessToken;
    }

    /** An OAuth 2.0 client-credentials token (Huawei's and Honor's authentication). */
    protected AccessToken clientCredentials(String tokenUrl, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(tokenUrl, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret));
        JsonNode body = json(response);
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new AuthFailed(provider() + " OAuth " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return new AccessToken(body.path("access_token").asText(), body.path("expires_in").asLong(3600));
    }

    protected HttpResponse<String> post(String url, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> postJson(String url, Object body, String... headers) throws IOException, InterruptedException {
        return post(url, "application/json; charset=UTF-8", JSON.writeValueAsString(body), headers);
    }

    protected HttpResponse<String> postForm(String url, Map<String, String> fields, String... headers)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return post(url, "application/x-www-form-urlencoded; charset=UTF-8", body, headers);
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
    }

    /**
     * What every vendor means alike by an HTTP status: 429 and 503 are flow control (wait, at least a minute),
     * other 5xx a transient fault (back off); null for a status the vendor's own codes must explain.
     */
    protected static Result byStatus(HttpResponse<String> response) {
        int status = response.statusCode();
        String error = "HTTP " + status + ": " + abbreviate(response.body());
        if (status == 429 || status == 503) {
            return Result.limited(error, response.headers().firstValue("Retry-After").flatMap(VendorChannel::seconds)
                    .orElse(null));
        }
        return status >= 500 ? Result.of(Outcome.RETRY, error) : null;
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** A vendor's daily quota is spent: nothing more goes through it until midnight, China time. */
    protected Result dailyQuotaSpent(String error) {
        Instant midnight = LocalDate.now(clock.withZone(Dates.ZONE)).plusDays(1).atStartOfDay(Dates.ZONE).toInstant();
        return Result.limited(error, Duration.between(clock.instant(), midnight));
    }

    protected static List<Result> all(int n, Result r) {
        List<Result> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r);
        }
        return out;
    }

    /** The fields the app reads, the same on every channel (mobile-contract/push/payload.schema.json, {@code data}). */
    protected static Map<String, String> data(Push p) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("notificationId", p.notificationId());
        data.put("type", p.type().name());
        data.put("objectType", p.type().objectType());
        data.put("objectId", p.objectId());
        data.put("link", p.deepLink());
        return data;
    }

    protected static String dataJson(Push p) {
        try {
            return JSON.writeValueAsString(data(p));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deep link as an Android intent URI, which a tap on the notification opens in the app. */
    protected static String intentUri(Push p) {
        return "intent://" + p.deepLink().substring("zoufang://".length())
                + "#Intent;scheme=zoufang;launchFlags=0x14000000;end";
    }

    /** A notification id for the vendors that want a number: the same for every push of one notification. */
    protected static int notifyId(Push p) {
        return Math.abs(p.notificationId().hashCode() % 1_000_000);
    }

    /** A hash as lower-case hex, as OPPO's (SHA-256) and vivo's (MD5) signatures want it. */
    protected static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static boolean present(java.util.Optional<String> value) {
        return value.filter(s -> !s.isBlank()).isPresent();
    }

    protected static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200);
    }

    protected static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
