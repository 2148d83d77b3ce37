package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.notify.Device;
import cn.zoufang.notify.PushConfig;
import io.quarkus.runtime.Startup;

/**
 * Huawei Push Kit. Android phones through the v1 API ({@code /v1/{appId}/messages:send}, an OAuth token by
 * client credentials); HarmonyOS through the v3 API ({@code /v3/{projectId}/messages:send}, a PS256 JWT of
 * the service account, {@code push-type: 0}), which is the only one HarmonyOS 5 accepts. Up to 1000 tokens
 * in one message; {@code 80000000} all sent, {@code 80100000} some tokens invalid (listed in {@code msg}),
 * {@code 80300007} all tokens invalid, {@code 80200003} token expired (fetched again once), HTTP 503 flow control.
 */
@Singleton
@Startup
public class HmsChannel extends VendorChannel {

    static final String SUCCESS = "80000000";
    static final String PARTLY = "80100000";
    static final String ALL_TOKENS_INVALID = "80300007";
    static final Set<String> AUTH_EXPIRED = Set.of("80200001", "80200003");
    /** Huawei's own faults: tried again. */
    static final Set<String> TRANSIENT = Set.of("81000001");

    private final PushConfig.Hms config;
    private final Optional<ServiceAccount> serviceAccount;

    public HmsChannel(PushConfig push, Clock clock) {
        super(clock);
        this.config = push.hms();
        this.serviceAccount = config.serviceAccountJson().filter(s -> !s.isBlank()).map(ServiceAccount::parse);
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.HMS;
    }

    private boolean android() {
        return present(config.appId()) && present(config.clientId()) && present(config.clientSecret());
    }

    private boolean harmony() {
        return present(config.projectId()) && serviceAccount.isPresent();
    }

    @Override
    public boolean enabled() {
        return android() || harmony();
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no Huawei Push Kit credentials (ZOUFANG_PUSH_HMS_*)";
    }

    @Override
    protected int batchSize() {
        return 1000;
    }

    @Override
    protected String batchKey(Push push) {
        return push.notificationId() + "/" + push.platform();
    }

    @Override
    protected List<Result> sendBatch(List<Push> batch) throws IOException, InterruptedException {
        boolean v3 = batch.get(0).platform() == Device.Platform.HARMONY;
        if (v3 ? !harmony() : !android()) {
            return all(batch.size(), Result.of(Outcome.RETRY, "HMS " + (v3 ? "v3 (HarmonyOS)" : "v1 (Android)")
                    + " is not configured"));
        }
        HttpResponse<String> response = v3 ? sendV3(batch) : sendV1(batch, false);
        JsonNode body = json(response);
        if (!v3 && AUTH_EXPIRED.contains(body.path("code").asText())) {
            response = sendV1(batch, true);
            body = json(response);
        }
        return results(batch, response, body);
    }

    private List<Result> results(List<Push> batch, HttpResponse<String> response, JsonNode body) throws IOException {
        String code = body.path("code").asText();
        String error = "HMS " + code + ": " + body.path("msg").asText();
        if (SUCCESS.equals(code)) {
            return all(batch.size(), Result.sent(body.path("requestId").asText()));
        }
        if (PARTLY.equals(code)) {
            // msg is itself JSON: {"success":1,"failure":1,"illegal_tokens":["..."]}
            Set<String> illegal = new HashSet<>();
            JSON.readTree(body.path("msg").asText("{}")).path("illegal_tokens").forEach(t -> illegal.add(t.asText()));
            List<Result> out = new ArrayList<>();
            for (Push p : batch) {
                out.add(illegal.contains(p.token()) ? Result.of(Outcome.TOKEN_INVALID, "HMS: illegal token")
                        : Result.sent(body.path("requestId").asText()));
            }
            return out;
        }
        if (ALL_TOKENS_INVALID.equals(code)) {
            return all(batch.size(), Result.of(Outcome.TOKEN_INVALID, error));
        }
        Result byStatus = byStatus(response);
        if (byStatus != null) {
            return all(batch.size(), byStatus);
        }
        return all(batch.size(), Result.of(TRANSIENT.contains(code) || AUTH_EXPIRED.contains(code) || code.isEmpty()
                ? Outcome.RETRY : Outcome.FAILED, error));
    }

    private String category(Push p) {
        return p.type().pushClass().pick(config.categoryTodo(), config.categoryNotice());
    }

    private HttpResponse<String> sendV1(List<Push> batch, boolean renew) throws IOException, InterruptedException {
        Push p = batch.get(0);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", p.type().title());
        notification.put("body", p.type().body());
        notification.put("click_action", Map.of("type", 1, "intent", intentUri(p)));
        notification.put("notify_id", notifyId(p));
        notification.put("importance", "NORMAL");
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("category", category(p));
        android.put("urgency", p.urgent() ? "HIGH" : "NORMAL");
        android.put("ttl", TTL_SECONDS + "s");
        // The receipt names the biTag and the token: together they find the delivery.
        android.put("bi_tag", p.notificationId());
        android.put("notification", notification);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", dataJson(p));
        message.put("android", android);
        message.put("token", batch.stream().map(Push::token).toList());
        return postJson(trimSlash(config.url()) + "/v1/" + config.appId().orElseThrow() + "/messages:send",
                Map.of("validate_only", false, "message", message), "Authorization", "Bearer " + accessToken(renew));
    }

    private HttpResponse<String> sendV3(List<Push> batch) throws IOException, InterruptedException {
        Push p = batch.get(0);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("category", category(p));
        notification.put("title", p.type().title());
        notification.put("body", p.type().body());
        notification.put("clickAction", Map.of("actionType", 1, "uri", p.deepLink(), "data", data(p)));
        notification.put("notifyId", notifyId(p));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("payload", Map.of("notification", notification));
        request.put("target", Map.of("token", batch.stream().map(Push::token).toList()));
        request.put("pushOptions", Map.of("ttl", TTL_SECONDS, "biTag", p.notificationId()));
        return postJson(trimSlash(config.url()) + "/v3/" + config.projectId().orElseThrow() + "/messages:send", request,
                "Authorization", "Bearer " + harmonyJwt(),
                "push-type", "0");
    }

    private String jwt;
    private long jwtEnds;

    /** The service account's JWT, signed again ten minutes before its hour ends. */
    private synchronized String harmonyJwt() {
        long now = clock.instant().getEpochSecond();
        if (jwt == null || now > jwtEnds - 600) {
            jwt = serviceAccount.orElseThrow().jwt(now);
            jwtEnds = now + 3600;
        }
        return jwt;
    }

    @Override
    protected AccessToken fetchAccessToken() throws IOException, InterruptedException {
        return clientCredentials(config.tokenUrl(), config.clientId().orElseThrow(), config.clientSecret().orElseThrow());
    }

    /** The HarmonyOS service account: its JWT (PS256, an hour) is the bearer token of the v3 API. */
    record ServiceAccount(String keyId, String subAccount, PrivateKey key) {

        static ServiceAccount parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                String pem = node.path("private_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
                return new ServiceAccount(node.path("key_id").asText(), node.path("sub_account").asText(), key);
            } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("ZOUFANG_PUSH_HMS_SERVICE_ACCOUNT_JSON is not a Huawei service-account key", e);
            }
        }

        String jwt(long now) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            try {
                String header = b64.encodeToString(JSON.writeValueAsBytes(Map.of("kid", keyId, "typ", "JWT", "alg", "PS256")));
                String claims = b64.encodeToString(JSON.writeValueAsBytes(Map.of("iss", subAccount,
                        "aud", "https://oauth-login.cloud.huawei.com/oauth2/v3/token", "iat", now, "exp", now + 3600)));
                Signature signer = Signature.getInstance("RSASSA-PSS");
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                signer.initSign(key);
                signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                return header + "." + claims + "." + b64.encodeToString(signer.sign());
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Cannot sign the HarmonyOS push token", e);
            }
        }
    }
}
