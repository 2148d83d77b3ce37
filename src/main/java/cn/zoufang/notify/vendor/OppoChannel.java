package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.notify.Device;
import cn.zoufang.notify.PushConfig;
import io.quarkus.runtime.Startup;

/**
 * OPPO's push service: an {@code auth_token} from {@code /server/v1/auth} (app key, millisecond timestamp,
 * {@code sign = sha256(appKey + timestamp + masterSecret)}, valid 24 h), then
 * {@code /server/v1/message/notification/unicast_batch}: up to 1000 messages, each to one registration id,
 * so pushes of different notifications share a request. Code {@code 11} the token is invalid (fetched
 * again once), {@code 33} the day's quota is spent, {@code -2} busy; per message, {@code errorCode 10000}
 * the registration id is invalid.
 */
@Singleton
@Startup
public class OppoChannel extends VendorChannel {

    static final int INVALID_AUTH_TOKEN = 11;
    static final int QUOTA_EXCEEDED = 33;
    static final int BUSY = -2;
    static final int INVALID_REGISTRATION_ID = 10000;

    private final PushConfig.Oppo config;

    public OppoChannel(PushConfig push, Clock clock) {
        super(clock);
        this.config = push.oppo();
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.OPPO;
    }

    @Override
    public boolean enabled() {
        return present(config.appKey()) && present(config.masterSecret());
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no OPPO push credentials (ZOUFANG_PUSH_OPPO_*)";
    }

    @Override
    protected int batchSize() {
        return 1000;
    }

    @Override
    protected String batchKey(Push push) {
        return "all";
    }

    @Override
    protected List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException {
        HttpResponse<String> response = request(batch, false);
        JsonNode body = json(response);
        if (body.path("code").asInt() == INVALID_AUTH_TOKEN) {
            response = request(batch, true);
            body = json(response);
        }
        Result byStatus = byStatus(response);
        if (byStatus != null) {
            return all(batch.size(), byStatus);
        }
        int code = body.path("code").asInt(Integer.MIN_VALUE);
        String error = "OPPO " + code + ": " + body.path("message").asText();
        if (code == QUOTA_EXCEEDED) {
            return all(batch.size(), dailyQuotaSpent(error));
        }
        if (code == BUSY) {
            return all(batch.size(), Result.limited(error, null));
        }
        if (code != 0) {
            return all(batch.size(), Result.of(code == INVALID_AUTH_TOKEN || code == -1 ? Outcome.RETRY : Outcome.FAILED,
                    error));
        }
        Map<String, JsonNode> byToken = new HashMap<>();
        body.path("data").forEach(item -> byToken.put(item.path("registrationId").asText(), item));
        List<Result> out = new ArrayList<>();
        for (Push p : batch) {
            JsonNode item = byToken.get(p.token());
            if (item == null) {
                out.add(Result.of(Outcome.RETRY, "OPPO: no answer for this registration id"));
            } else if (item.hasNonNull("messageId")) {
                out.add(Result.sent(item.path("messageId").asText()));
            } else {
                int itemCode = item.path("errorCode").asInt();
                String itemError = "OPPO " + itemCode + ": " + item.path("errorMessage").asText();
                out.add(itemCode == INVALID_REGISTRATION_ID ? Result.of(Outcome.TOKEN_INVALID, itemError)
                        : itemCode == QUOTA_EXCEEDED ? dailyQuotaSpent(itemError) : Result.of(Outcome.FAILED, itemError));
            }
        }
        return out;
    }

    private HttpResponse<String> request(List<Push> batch, boolean renew) throws IOException, InterruptedException {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Push p : batch) {
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("title", p.type().title());
            notification.put("content", p.type().body());
            // 5: open the app at an intent scheme URL.
            notification.put("click_action_type", 5);
            notification.put("click_action_url", intentUri(p));
            notification.put("action_parameters", dataJson(p));
            config.channelId().ifPresent(id -> notification.put("channel_id", id));
            notification.put("category", p.type().pushClass().pick(config.categoryTodo(), config.categoryNotice()));
            // 2: the notification bar and the lock screen (a service message may, marketing may not).
            notification.put("notify_level", 2);
            notification.put("off_line_ttl", TTL_SECONDS);
            messages.add(Map.of("target_type", 2, "target_value", p.token(), "notification", notification));
        }
        return postForm(trimSlash(config.url()) + "/server/v1/message/notification/unicast_batch",
                Map.of("auth_token", accessToken(renew), "messages", JSON.writeValueAsString(messages)));
    }

    @Override
    protected AccessToken fetchAccessToken() throws IOException, InterruptedException {
        String timestamp = String.valueOf(clock.millis());
        String appKey = config.appKey().orElseThrow();
        HttpResponse<String> response = postForm(trimSlash(config.url()) + "/server/v1/auth", Map.of("app_key", appKey,
                "timestamp", timestamp, "sign", hex("SHA-256", appKey + timestamp + config.masterSecret().orElseThrow())));
        JsonNode body = json(response);
        if (body.path("code").asInt(-1) != 0) {
            throw new AuthFailed("OPPO auth " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return new AccessToken(body.path("data").path("auth_token").asText(), 24 * 3600);
    }
}
