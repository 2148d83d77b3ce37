package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.notify.Device;
import cn.zoufang.notify.PushConfig;
import io.quarkus.runtime.Startup;

/**
 * vivo's push service: an {@code authToken} from {@code /message/auth} (JSON: app id, app key, millisecond
 * timestamp, {@code sign = md5(appId + appKey + timestamp + appSecret)}, valid a day), then one
 * {@code /message/send} per device with {@code classification: 1} (a system message, which vivo lets through
 * outside 7:00–23:00 and without the daily cap of operational ones) and its {@code category}. The
 * {@code requestId} is derived from the notification and the token, so vivo drops a repeat of a push it already
 * has. {@code result} 0 sent, {@code 10070} the day's total is spent, an invalid regId deactivates the device.
 */
@Singleton
@Startup
public class VivoChannel extends VendorChannel {

    static final int AUTH_FAILED = 10000;
    static final int DAILY_TOTAL_EXCEEDED = 10070;
    /** vivo's answers for a registration id that does not exist or is no longer valid. */
    static final Set<Integer> INVALID_REG_ID = Set.of(10302, 10303);

    private final PushConfig.Vivo config;

    public VivoChannel(PushConfig push, Clock clock) {
        super(clock);
        this.config = push.vivo();
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.VIVO;
    }

    @Override
    public boolean enabled() {
        return present(config.appId()) && present(config.appKey())
                && present(config.appSecret());
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no vivo push credentials (ZOUFANG_PUSH_VIVO_*)";
    }

    @Override
    protected int batchSize() {
        return 1;
    }

    @Override
    protected String batchKey(Push push) {
        return push.notificationId() + "/" + push.token();
    }

    @Override
    protected List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException {
        Push p = batch.get(0);
        HttpResponse<String> response = request(p, false);
        JsonNode body = json(response);
        if (body.path("result").asInt() == AUTH_FAILED) {
            response = request(p, true);
            body = json(response);
        }
        Result byStatus = byStatus(response);
        if (byStatus != null) {
            return List.of(byStatus);
        }
        int result = body.path("result").asInt(Integer.MIN_VALUE);
        String error = "VIVO " + result + ": " + body.path("desc").asText();
        if (result == 0) {
            return List.of(Result.sent(body.path("taskId").asText()));
        }
        if (result == DAILY_TOTAL_EXCEEDED) {
            return List.of(dailyQuotaSpent(error));
        }
        return List.of(Result.of(INVALID_REG_ID.contains(result) ? Outcome.TOKEN_INVALID
                : result == AUTH_FAILED ? Outcome.RETRY : Outcome.FAILED, error));
    }

    private HttpResponse<String> request(Push p, boolean renew) throws IOException, InterruptedException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("appId", config.appId().orElseThrow());
        message.put("regId", p.token());
        // 4: sound and vibration.
        message.put("notifyType", 4);
        message.put("title", p.type().title());
        message.put("content", p.type().body());
        message.put("timeToLive", TTL_SECONDS);
        // 4: open the app at a custom intent URI.
        message.put("skipType", 4);
        message.put("skipContent", intentUri(p));
        message.put("networkType", -1);
        message.put("classification", 1);
        message.put("category", p.type().pushClass().pick(config.categoryTodo(), config.categoryNotice()));
        message.put("clientCustomMap", data(p));
        message.put("requestId", UUID.nameUUIDFromBytes((p.notificationId() + "/" + p.token())
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
        return postJson(trimSlash(config.url()) + "/message/send", message, "authToken", accessToken(renew));
    }

    @Override
    protected AccessToken fetchAccessToken() throws IOException, InterruptedException {
        long timestamp = clock.millis();
        String appId = config.appId().orElseThrow();
        String appKey = config.appKey().orElseThrow();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("appId", appId);
        request.put("appKey", appKey);
        request.put("timestamp", timestamp);
        request.put("sign", hex("MD5", appId + appKey + timestamp + config.appSecret().orElseThrow()));
        HttpResponse<String> response = postJson(trimSlash(config.url()) + "/message/auth", request);
        JsonNode body = json(response);
        if (body.path("result").asInt(-1) != 0) {
            throw new AuthFailed("VIVO auth " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return new AccessToken(body.path("authToken").asText(), 24 * 3600);
    }
}
