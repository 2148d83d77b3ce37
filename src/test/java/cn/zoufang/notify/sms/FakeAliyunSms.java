package cn.zoufang.notify.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Alibaba Cloud SMS (dysmsapi, API version 2017-05-25) as the real SDK calls it: an
 * RPC-style {@code SendSms} with its parameters in the query and form, signed (ACS3-HMAC-SHA256 in the
 * {@code Authorization} header, checked for the configured AccessKey id), answered {@code {"Code": "OK",
 * "BizId": …}} or with the error code a test scripts.
 */
public final class FakeAliyunSms {

    public static final String ACCESS_KEY_ID = "LTAI-zoufang-test";
    public static final String SIGN_NAME = "走访测试";

    public record Sent(String phone, String signName, String templateCode, String templateParam, String outId,
            String bizId) {
    }

    private final HttpServer server;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile String failCode = "isv.BUSINESS_LIMIT_CONTROL";
    private final AtomicLong ids = new AtomicLong();

    public FakeAliyunSms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("zoufang.sms.access-key-id", ACCESS_KEY_ID);
        c.put("zoufang.sms.access-key-secret", "zoufang-test-secret");
        c.put("zoufang.sms.endpoint", "127.0.0.1:" + server.getAddress().getPort());
        c.put("zoufang.sms.protocol", "HTTP");
        c.put("zoufang.sms.sign-name", SIGN_NAME);
        c.put("zoufang.sms.templates.supervised", "SMS_100000001");
        c.put("zoufang.sms.templates.overdue", "SMS_100000002");
        c.put("zoufang.sms.templates.urgent-unread", "SMS_100000003");
        c.put("zoufang.sms.templates.rate-answer", "SMS_100000004");
        c.put("zoufang.sms.templates.login-code", "SMS_100000005");
        c.put("zoufang.sms.templates.password-reset-code", "SMS_100000006");
        c.put("zoufang.sms.templates.activation-code", "SMS_100000007");
        c.put("zoufang.sms.receipt-secret", "sms-receipts-test-secret");
        return c;
    }

    public List<Sent> sentTo(String phone) {
        synchronized (sent) {
            return sent.stream().filter(s -> s.phone().equals(phone)).toList();
        }
    }

    /** The next {@code times} sends answer this error code (HTTP 200, as Alibaba answers business errors). */
    public void failNext(int times, String code) {
        failCode = code;
        failNext.set(times);
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parse(ex.getRequestURI().getRawQuery(), params);
        parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String action = params.getOrDefault("Action", ex.getRequestHeaders().getFirst("x-acs-action"));
        boolean signed = auth != null && auth.contains(ACCESS_KEY_ID) || ACCESS_KEY_ID.equals(params.get("AccessKeyId"));
        if (!signed) {
            answer(ex, 403, "{\"Code\": \"InvalidAccessKeyId.NotFound\", \"Message\": \"Specified access key is not found.\"}");
            return;
        }
        if (!"SendSms".equals(action)) {
            answer(ex, 404, "{\"Code\": \"InvalidAction.NotFound\", \"Message\": \"" + action + "\"}");
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 200, "{\"Code\": \"" + failCode + "\", \"Message\": \"scripted\", \"RequestId\": \"r"
                    + ids.incrementAndGet() + "\"}");
            return;
        }
        if (!SIGN_NAME.equals(params.get("SignName"))) {
            answer(ex, 200, "{\"Code\": \"isv.SMS_SIGNATURE_ILLEGAL\", \"Message\": \"签名不合法\"}");
            return;
        }
        String bizId = "biz-" + ids.incrementAndGet();
        sent.add(new Sent(params.get("PhoneNumbers"), params.get("SignName"), params.get("TemplateCode"),
                params.get("TemplateParam"), params.get("OutId"), bizId));
        answer(ex, 200, "{\"Code\": \"OK\", \"Message\": \"OK\", \"BizId\": \"" + bizId + "\", \"RequestId\": \"r"
                + ids.incrementAndGet() + "\"}");
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }
}
