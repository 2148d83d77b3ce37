package cn.zoufang.notify.vendor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cn.zoufang.notify.Device.Provider;

/**
 * Local stand-ins for the phone makers' push services, one HTTP server with each vendor's API under its own
 * prefix ({@code /hms}, {@code /honor}, {@code /xiaomi}, {@code /oppo}, {@code /vivo}): their authentication
 * (Huawei's and Honor's OAuth client credentials, HarmonyOS's PS256 service-account JWT checked against its
 * public key, Xiaomi's {@code key=} secret, OPPO's SHA-256 and vivo's MD5 signatures), their send APIs and
 * their answers: a token that starts with {@code invalid-} is unknown to the vendor and answered as each one
 * does, a quota or an outage can be scripted. Access tokens expire when a test says so.
 */
public final class FakeVendorPush {

    public static final String CLIENT_ID = "zoufang-client";
    public static final String SECRET = "zoufang-vendor-secret";
    public static final String APP_ID = "10086";
    public static final String APP_KEY = "zoufang-app-key";
    public static final String PACKAGE = "cn.zoufang.app";

    /** One push as the vendor received it: the token and the message as that vendor's API carries it. */
    public record Received(Provider provider, String token, JsonNode message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair harmonyKey;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<Provider, AtomicInteger> quota = new EnumMap<>(Provider.class);
    private final Set<Provider> down = ConcurrentHashMap.newKeySet();
    private final Map<Provider, AtomicLong> refused = new EnumMap<>(Provider.class);
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    public FakeVendorPush() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        harmonyKey = generator.generateKeyPair();
        for (Provider p : Provider.values()) {
            quota.put(p, new AtomicInteger());
            refused.put(p, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/hms/oauth2/v3/token", ex -> oauth(ex, "hms"));
        server.createContext("/hms/v1/", this::hmsV1);
        server.createContext("/hms/v3/", this::hmsV3);
        server.createContext("/honor/auth/token", ex -> oauth(ex, "honor"));
        server.createContext("/honor/api/v1/", this::honor);
        server.createContext("/xiaomi/v3/message/regid", this::xiaomi);
        server.createContext("/oppo/server/v1/auth", this::oppoAuth);
        server.createContext("/oppo/server/v1/message/notification/unicast_batch", this::oppo);
        server.createContext("/vivo/message/auth", this::vivoAuth);
        server.createContext("/vivo/message/send", this::vivo);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The configuration that points every vendor channel here. */
    public Map<String, String> config() throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(harmonyKey.getPrivate()
                .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> c = new LinkedHashMap<>();
        c.put("zoufang.push.hms.app-id", APP_ID);
        c.put("zoufang.push.hms.client-id", CLIENT_ID);
        c.put("zoufang.push.hms.client-secret", SECRET);
        c.put("zoufang.push.hms.project-id", "388421841221");
        c.put("zoufang.push.hms.service-account-json", JSON.writeValueAsString(Map.of("project_id", "388421841221",
                "key_id", "test-key", "sub_account", "zoufang-sub", "private_key", pem)));
        c.put("zoufang.push.hms.url", baseUrl() + "/hms");
        c.put("zoufang.push.hms.token-url", baseUrl() + "/hms/oauth2/v3/token");
        c.put("zoufang.push.hms.receipt-user", "zoufang-receipts");
        c.put("zoufang.push.hms.receipt-key", "receipt-key-for-tests");
        c.put("zoufang.push.honor.app-id", APP_ID);
        c.put("zoufang.push.honor.client-id", CLIENT_ID);
        c.put("zoufang.push.honor.client-secret", SECRET);
        c.put("zoufang.push.honor.url", baseUrl() + "/honor");
        c.put("zoufang.push.honor.token-url", baseUrl() + "/honor/auth/token");
        c.put("zoufang.push.xiaomi.app-secret", SECRET);
        c.put("zoufang.push.xiaomi.package-name", PACKAGE);
        c.put("zoufang.push.xiaomi.url", baseUrl() + "/xiaomi");
        c.put("zoufang.push.xiaomi.channel-id-todo", "120001");
        c.put("zoufang.push.xiaomi.channel-id-notice", "120002");
        c.put("zoufang.push.oppo.app-key", APP_KEY);
        c.put("zoufang.push.oppo.master-secret", SECRET);
        c.put("zoufang.push.oppo.url", baseUrl() + "/oppo");
        c.put("zoufang.push.oppo.channel-id", "zoufang_work");
        c.put("zoufang.push.vivo.app-id", APP_ID);
        c.put("zoufang.push.vivo.app-key", APP_KEY);
        c.put("zoufang.push.vivo.app-secret", SECRET);
        c.put("zoufang.push.vivo.url", baseUrl() + "/vivo");
        return c;
    }

    // ---- what tests script and read ------------------------------------------------------------

    public List<Received> deliveredTo(String token) {
        synchronized (received) {
            return received.stream().filter(r -> r.token().equals(token)).toList();
        }
    }

    public List<Received> delivered(Provider provider) {
        synchronized (received) {
            return received.stream().filter(r -> r.provider() == provider).toList();
        }
    }

    /** The next {@code times} sends of this vendor answer that its quota is spent. */
    public void quotaNext(Provider provider, int times) {
        quota.get(provider).set(times);
    }

    /** While down, the vendor answers every send with 503 (flow control / outage). */
    public void down(Provider provider, boolean isDown) {
        if (isDown) {
            down.add(provider);
        } else {
            down.remove(provider);
        }
    }

    public long refused(Provider provider) {
        return refused.get(provider).get();
    }

    /** Every access token handed out so far stops working (as after the vendor's expiry). */
    public void expireTokens() {
        validTokens.clear();
    }

    public void reset() {
        down.clear();
        quota.values().forEach(q -> q.set(0));
    }

    public void stop() {
        server.stop(0);
    }

    // ---- the vendors -----------------------------------------------------------------------------

    private boolean quotaSpent(Provider p) {
        return quota.get(p).getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private boolean refuseIfDown(HttpExchange ex, Provider p) throws IOException {
        if (down.contains(p)) {
            refused.get(p).incrementAndGet();
            answer(ex, 503, "{\"code\": \"503\", \"msg\": \"service unavailable\"}");
            return true;
        }
        return false;
    }

    private String issueToken(String vendor) {
        String token = vendor + "-at-" + ids.incrementAndGet();
        validTokens.add(token);
        return token;
    }

    private boolean bearer(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") && validTokens.contains(auth.substring(7));
    }

    /** Huawei's and Honor's OAuth 2.0 client-credentials endpoint. */
    private void oauth(HttpExchange ex, String vendor) throws IOException {
        Map<String, String> form = form(ex);
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !SECRET.equals(form.get("client_secret"))) {
            answer(ex, 400, "{\"error\": 1101, \"error_description\": \"invalid client\"}");
            return;
        }
        answer(ex, 200, "{\"access_token\": \"" + issueToken(vendor) + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}");
    }

    private void hmsV1(HttpExchange ex) throws IOException {
        JsonNode message = JSON.readTree(ex.getRequestBody().readAllBytes()).path("message");
        if (refuseIfDown(ex, Provider.HMS)) {
            return;
        }
        if (!bearer(ex)) {
            answer(ex, 401, "{\"code\": \"80200003\", \"msg\": \"OAuth token expired\"}");
            return;
        }
        hmsAnswer(ex, message, message.path("token"));
    }

    /** HarmonyOS's v3 API: the bearer is a PS256 JWT of the service account, checked with its public key. */
    private void hmsV3(HttpExchange ex) throws IOException {
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        if (refuseIfDown(ex, Provider.HMS)) {
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validJwt(auth.substring(7))
                || !"0".equals(ex.getRequestHeaders().getFirst("push-type"))) {
            answer(ex, 401, "{\"code\": \"80200003\", \"msg\": \"JWT invalid\"}");
            return;
        }
        hmsAnswer(ex, request, request.path("target").path("token"));
    }

    private void hmsAnswer(HttpExchange ex, JsonNode message, JsonNode tokens) throws IOException {
        if (quotaSpent(Provider.HMS)) {
            answer(ex, 503, "{\"code\": \"80300012\", \"msg\": \"traffic control\"}");
            return;
        }
        List<String> illegal = new ArrayList<>();
        for (JsonNode t : tokens) {
            if (t.asText().startsWith("invalid-")) {
                illegal.add(t.asText());
            } else {
                received.add(new Received(Provider.HMS, t.asText(), message));
            }
        }
        String requestId = "hms-" + ids.incrementAndGet();
        if (illegal.isEmpty()) {
            answer(ex, 200, "{\"code\": \"80000000\", \"msg\": \"Success\", \"requestId\": \"" + requestId + "\"}");
        } else if (illegal.size() == tokens.size()) {
            answer(ex, 400, "{\"code\": \"80300007\", \"msg\": \"All the tokens are invalid\", \"requestId\": \""
                    + requestId + "\"}");
        } else {
            String msg = JSON.writeValueAsString(Map.of("success", tokens.size() - illegal.size(), "failure",
                    illegal.size(), "illegal_tokens", illegal));
            answer(ex, 200, JSON.writeValueAsString(Map.of("code", "80100000", "msg", msg, "requestId", requestId)));
        }
    }

    private boolean validJwt(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            verifier.initVerify(harmonyKey.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2])) && "PS256".equals(header.path("alg").asText())
                    && "zoufang-sub".equals(claims.path("iss").asText());
        } catch (Exception e) {
            return false;
        }
    }

    private void honor(HttpExchange ex) throws IOException {
        JsonNode message = JSON.readTree(ex.getRequestBody().readAllBytes());
        if (refuseIfDown(ex, Provider.HONOR)) {
            return;
        }
        if (!bearer(ex) || ex.getRequestHeaders().getFirst("timestamp") == null) {
            answer(ex, 401, "{\"code\": 80200003, \"message\": \"token expired\"}");
            return;
        }
        if (quotaSpent(Provider.HONOR)) {
            answer(ex, 429, "{\"code\": 80300013, \"message\": \"too many requests\"}");
            return;
        }
        List<String> expired = new ArrayList<>();
        for (JsonNode t : message.path("token")) {
            if (t.asText().startsWith("invalid-")) {
                expired.add(t.asText());
            } else {
                received.add(new Received(Provider.HONOR, t.asText(), message));
            }
        }
        if (expired.size() == message.path("token").size()) {
            answer(ex, 200, "{\"code\": 80300007, \"message\": \"all tokens are invalid\"}");
            return;
        }
        answer(ex, 200, JSON.writeValueAsString(Map.of("code", 200, "message", "success", "data", Map.of("sendResult",
                true, "requestId", "honor-" + ids.incrementAndGet(), "failTokens", List.of(), "expireTokens", expired))));
    }

    private void xiaomi(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        if (refuseIfDown(ex, Provider.XIAOMI)) {
            return;
        }
        if (!("key=" + SECRET).equals(ex.getRequestHeaders().getFirst("Authorization"))
                || !PACKAGE.equals(form.get("restricted_package_name"))) {
            answer(ex, 200, "{\"result\": \"error\", \"code\": 21301, \"reason\": \"认证失败\"}");
            return;
        }
        if (quotaSpent(Provider.XIAOMI)) {
            answer(ex, 200, "{\"result\": \"error\", \"code\": 200001, \"reason\": \"超过每日推送数量限制\"}");
            return;
        }
        ObjectNode message = JSON.valueToTree(form);
        List<String> bad = new ArrayList<>();
        for (String regId : form.get("registration_id").split(",")) {
            if (regId.startsWith("invalid-")) {
                bad.add(regId);
            } else {
                received.add(new Received(Provider.XIAOMI, regId, message));
            }
        }
        answer(ex, 200, JSON.writeValueAsString(Map.of("result", "ok", "code", 0, "description", "成功", "data",
                Map.of("id", "scm" + ids.incrementAndGet(), "bad_regids", String.join(",", bad)))));
    }

    private void oppoAuth(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        String expected = sha256(APP_KEY + form.get("timestamp") + SECRET);
        if (!APP_KEY.equals(form.get("app_key")) || !expected.equals(form.get("sign"))) {
            answer(ex, 200, "{\"code\": 14, \"message\": \"Invalid Sign\"}");
            return;
        }
        answer(ex, 200, "{\"code\": 0, \"message\": \"Success\", \"data\": {\"auth_token\": \"" + issueToken("oppo")
                + "\", \"create_time\": " + System.currentTimeMillis() + "}}");
    }

    private void oppo(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        if (refuseIfDown(ex, Provider.OPPO)) {
            return;
        }
        if (!validTokens.contains(form.get("auth_token"))) {
            answer(ex, 200, "{\"code\": 11, \"message\": \"Invalid AuthToken\"}");
            return;
        }
        if (quotaSpent(Provider.OPPO)) {
            answer(ex, 200, "{\"code\": 33, \"message\": \"The number of messages exceeds the daily limit\"}");
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode m : JSON.readTree(form.get("messages"))) {
            String regId = m.path("target_value").asText();
            if (regId.startsWith("invalid-")) {
                data.add(Map.of("registrationId", regId, "errorCode", 10000, "errorMessage", "Invalid RegistrationId"));
            } else {
                received.add(new Received(Provider.OPPO, regId, m));
                data.add(Map.of("registrationId", regId, "messageId", "oppo-" + ids.incrementAndGet()));
            }
        }
        answer(ex, 200, JSON.writeValueAsString(Map.of("code", 0, "message", "Success", "data", data)));
    }

    private void vivoAuth(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        String expected = md5(APP_ID + APP_KEY + body.path("timestamp").asText() + SECRET);
        if (!APP_ID.equals(body.path("appId").asText()) || !expected.equals(body.path("sign").asText())) {
            answer(ex, 200, "{\"result\": 10200, \"desc\": \"sign 不合法\"}");
            return;
        }
        answer(ex, 200, "{\"result\": 0, \"desc\": \"请求成功\", \"authToken\": \"" + issueToken("vivo") + "\"}");
    }

    private final Set<String> vivoRequestIds = ConcurrentHashMap.newKeySet();

    private void vivo(HttpExchange ex) throws IOException {
        JsonNode message = JSON.readTree(ex.getRequestBody().readAllBytes());
        if (refuseIfDown(ex, Provider.VIVO)) {
            return;
        }
        if (!validTokens.contains(ex.getRequestHeaders().getFirst("authToken"))) {
            answer(ex, 200, "{\"result\": 10000, \"desc\": \"权限认证失败\"}");
            return;
        }
        if (quotaSpent(Provider.VIVO)) {
            answer(ex, 200, "{\"result\": 10070, \"desc\": \"发送总量超出限制\"}");
            return;
        }
        String regId = message.path("regId").asText();
        if (regId.startsWith("invalid-")) {
            answer(ex, 200, "{\"result\": 10302, \"desc\": \"regId 不存在\"}");
            return;
        }
        // vivo keeps one message per requestId: a repeat is answered as sent and not shown again.
        if (vivoRequestIds.add(message.path("requestId").asText())) {
            received.add(new Received(Provider.VIVO, regId, message));
        }
        answer(ex, 200, "{\"result\": 0, \"desc\": \"请求成功\", \"taskId\": \"vivo-" + ids.incrementAndGet() + "\"}");
    }

    /**
     * What the app reads of a push, from where each vendor carries it, in the shape of
     * mobile-contract/push/payload.schema.json: {@code {notification: {title, body}, data: {…}}}.
     */
    public static ObjectNode appView(Received r) {
        try {
            JsonNode m = r.message();
            JsonNode title;
            JsonNode body;
            JsonNode data;
            switch (r.provider()) {
                case HMS -> {
                    boolean harmony = m.has("payload");
                    JsonNode n = harmony ? m.path("payload").path("notification") : m.path("android").path("notification");
                    title = n.path("title");
                    body = n.path("body");
                    data = harmony ? n.path("clickAction").path("data") : JSON.readTree(m.path("data").asText());
                }
                case HONOR -> {
                    title = m.path("android").path("notification").path("title");
                    body = m.path("android").path("notification").path("body");
                    data = JSON.readTree(m.path("data").asText());
                }
                case XIAOMI -> {
                    title = m.path("title");
                    body = m.path("description");
                    data = JSON.readTree(m.path("payload").asText());
                }
                case OPPO -> {
                    title = m.path("notification").path("title");
                    body = m.path("notification").path("content");
                    data = JSON.readTree(m.path("notification").path("action_parameters").asText());
                }
                case VIVO -> {
                    title = m.path("title");
                    body = m.path("content");
                    data = m.path("clientCustomMap");
                }
                default -> throw new IllegalArgumentException("FCM is FakeFcmServer's");
            }
            ObjectNode view = JSON.createObjectNode();
            view.putObject("notification").set("title", title);
            ((ObjectNode) view.get("notification")).set("body", body);
            view.set("data", data);
            return view;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification id, from where each vendor carries the app's data. */
    public static String notificationId(Received r) {
        return appView(r).path("data").path("notificationId").asText();
    }

    // ---- HTTP plumbing ---------------------------------------------------------------------------

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    static String sha256(String s) {
        return hash("SHA-256", s);
    }

    static String md5(String s) {
        return hash("MD5", s);
    }

    private static String hash(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
