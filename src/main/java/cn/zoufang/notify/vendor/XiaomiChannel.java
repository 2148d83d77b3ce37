package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.notify.Device;
import cn.zoufang.notify.PushConfig;
import io.quarkus.runtime.Startup;

/**
 * Xiaomi's push service: {@code POST /v3/message/regid}, a form, {@code Authorization: key=<AppSecret>}
 * (no token to fetch); up to 1000 registration ids a message, comma-separated. {@code result: ok} with
 * {@code data.bad_regids} names the ids that are gone; an error {@code code} of Xiaomi's quota or flow
 * control waits, anything else is refused.
 */
@Singleton
@Startup
public class XiaomiChannel extends VendorChannel {

    /** Xiaomi's answers for a spent daily quota (nothing more today) and for its per-second flow control. */
    static final Set<Integer> DAILY_QUOTA = Set.of(200001, 200002);
    static final Set<Integer> FLOW_CONTROL = Set.of(22022);

    private final PushConfig.Xiaomi config;

    public XiaomiChannel(PushConfig push, Clock clock) {
        super(clock);
        this.config = push.xiaomi();
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.XIAOMI;
    }

    @Override
    public boolean enabled() {
        return present(config.appSecret()) && present(config.packageName());
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no Xiaomi push credentials (ZOUFANG_PUSH_XIAOMI_*)";
    }

    @Override
    protected int batchSize() {
        return 1000;
    }

    @Override
    protected List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException {
        Push p = batch.get(0);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("registration_id", batch.stream().map(Push::token).collect(Collectors.joining(",")));
        form.put("restricted_package_name", config.packageName().orElseThrow());
        form.put("title", p.type().title());
        form.put("description", p.type().body());
        form.put("payload", dataJson(p));
        form.put("pass_through", "0");
        form.put("notify_type", "-1");
        form.put("notify_id", String.valueOf(notifyId(p)));
        form.put("time_to_live", String.valueOf(TTL_SECONDS * 1000L));
        p.type().pushClass().pick(config.channelIdTodo(), config.channelIdNotice())
                .ifPresent(id -> form.put("extra.channel_id", id));
        form.put("extra.notify_effect", "2");
        form.put("extra.intent_uri", intentUri(p));
        HttpResponse<String> response = postForm(trimSlash(config.url()) + "/v3/message/regid", form,
                "Authorization", "key=" + config.appSecret().orElseThrow());
        Result byStatus = byStatus(response);
        if (byStatus != null) {
            return all(batch.size(), byStatus);
        }
        JsonNode body = json(response);
        if ("ok".equals(body.path("result").asText())) {
            List<String> bad = Arrays.asList(body.path("data").path("bad_regids").asText("").split(","));
            String id = body.path("data").path("id").asText();
            List<Result> out = new ArrayList<>();
            for (Push push : batch) {
                out.add(bad.contains(push.token()) ? Result.of(Outcome.TOKEN_INVALID, "XIAOMI: bad regid")
                        : Result.sent(id));
            }
            return out;
        }
        int code = body.path("code").asInt();
        String error = "XIAOMI " + code + ": " + body.path("reason").asText(body.path("description").asText());
        return all(batch.size(), DAILY_QUOTA.contains(code) ? dailyQuotaSpent(error)
                : FLOW_CONTROL.contains(code) ? Result.limited(error, null) : Result.of(Outcome.FAILED, error));
    }
}
