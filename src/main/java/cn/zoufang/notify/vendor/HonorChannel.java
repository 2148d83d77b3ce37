package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.notify.Device;
import cn.zoufang.notify.PushConfig;
import io.quarkus.runtime.Startup;

/**
 * Honor's push service: {@code POST /api/v1/{appId}/sendMessage} with an OAuth token by client credentials
 * and a {@code timestamp} header; up to 1000 tokens a message. The answer's {@code code} 200 with
 * {@code data.failTokens}/{@code data.expireTokens} names the tokens that are gone; {@code 80300007} all
 * tokens invalid; 401 or {@code 80200003} the token expired (fetched again once); 429/503 flow control.
 */
@Singleton
@Startup
public class HonorChannel extends VendorChannel {

    static final int SUCCESS = 200;
    static final int ALL_TOKENS_INVALID = 80300007;
    static final int AUTH_EXPIRED = 80200003;

    private final PushConfig.Honor config;

    public HonorChannel(PushConfig push, Clock clock) {
        super(clock);
        this.config = push.honor();
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.HONOR;
    }

    @Override
    public boolean enabled() {
        return present(config.appId()) && present(config.clientId())
                && present(config.clientSecret());
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no Honor push credentials (ZOUFANG_PUSH_HONOR_*)";
    }

    @Override
    protected int batchSize() {
        return 1000;
    }

    @Override
    protected List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException {
        HttpResponse<String> response = request(batch, false);
        JsonNode body = json(response);
        if (response.statusCode() == 401 || body.path("code").asInt() == AUTH_EXPIRED) {
            response = request(batch, true);
            body = json(response);
        }
        int code = body.path("code").asInt();
        String error = "HONOR " + code + ": " + body.path("message").asText();
        if (response.statusCode() == 200 && code == SUCCESS) {
            Set<String> gone = new HashSet<>();
            body.path("data").path("failTokens").forEach(t -> gone.add(t.asText()));
            body.path("data").path("expireTokens").forEach(t -> gone.add(t.asText()));
            String requestId = body.path("data").path("requestId").asText();
            List<Result> out = new ArrayList<>();
            for (Push p : batch) {
                out.add(gone.contains(p.token()) ? Result.of(Outcome.TOKEN_INVALID, "HONOR: token failed or expired")
                        : Result.sent(requestId));
            }
            return out;
        }
        if (code == ALL_TOKENS_INVALID) {
            return all(batch.size(), Result.of(Outcome.TOKEN_INVALID, error));
        }
        Result byStatus = byStatus(response);
        if (byStatus != null) {
            return all(batch.size(), byStatus);
        }
        return all(batch.size(), Result.of(code == AUTH_EXPIRED || response.statusCode() == 401 ? Outcome.RETRY
                : Outcome.FAILED, error));
    }

    private HttpResponse<String> request(List<Push> batch, boolean renew) throws IOException, InterruptedException {
        Push p = batch.get(0);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", p.type().title());
        notification.put("body", p.type().body());
        notification.put("clickAction", Map.of("type", 1, "intent", intentUri(p)));
        notification.put("notifyId", notifyId(p));
        notification.put("importance", p.type().pushClass().pick(config.importanceTodo(), config.importanceNotice()));
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("ttl", TTL_SECONDS + "s");
        android.put("biTag", p.notificationId());
        android.put("notification", notification);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", dataJson(p));
        message.put("android", android);
        message.put("token", batch.stream().map(Push::token).toList());
        return postJson(trimSlash(config.url()) + "/api/v1/" + config.appId().orElseThrow() + "/sendMessage", message,
                "Authorization", "Bearer " + accessToken(renew), "timestamp", String.valueOf(clock.millis()));
    }

    @Override
    protected AccessToken fetchAccessToken() throws IOException, InterruptedException {
        return clientCredentials(config.tokenUrl(), config.clientId().orElseThrow(), config.clientSecret().orElseThrow());
    }
}
