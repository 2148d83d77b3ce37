package cn.zoufang.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.sms.SmsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Delivery receipts, as the services send them: Huawei Push Kit's (signed with the callback key set in
 * AppGallery Connect) and Alibaba Cloud SMS status reports (to a secret URL). A receipt marks its delivery;
 * the first delivered receipt of a notification also marks the inbox row, which the phone then sees in sync
 * and which stops the SMS fallback.
 */
@ApplicationScoped
public class Receipts {

    /** Huawei's receipt statuses: 0 delivered; 2 the app is not installed, 5 the token is not the phone's user. */
    static final int HMS_DELIVERED = 0;
    static final List<Integer> HMS_TOKEN_GONE = List.of(2, 5);
    /** A receipt signed longer ago than this is a replay. */
    static final long HMS_MAX_AGE_MILLIS = 10 * 60 * 1000L;

    private final PushConfig push;
    private final SmsConfig sms;
    private final Clock clock;

    public Receipts(PushConfig push, SmsConfig sms, Clock clock) {
        this.push = push;
        this.sms = sms;
        this.clock = clock;
    }

    /**
     * {@code X-HUAWEI-CALLBACK-ID: timestamp=…;nonce=…;value=base64(HMAC-SHA256(timestamp + nonce + user, key))}.
     * Without a configured user and key nothing is accepted.
     */
    public boolean hmsSigned(String header) {
        Optional<String> user = push.hms().receiptUser().filter(s -> !s.isBlank());
        Optional<String> key = push.hms().receiptKey().filter(s -> !s.isBlank());
        if (header == null || user.isEmpty() || key.isEmpty()) {
            return false;
        }
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String timestamp = parts.get("timestamp");
        String nonce = parts.get("nonce");
        String value = parts.get("value");
        if (timestamp == null || nonce == null || value == null) {
            return false;
        }
        try {
            if (Math.abs(clock.millis() - Long.parseLong(timestamp)) > HMS_MAX_AGE_MILLIS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + nonce + user.get()).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the path segment is the configured secret of the SMS status-report URL. */
    public boolean smsSecret(String given) {
        return sms.receiptSecret().filter(s -> !s.isBlank())
                .map(s -> given != null && MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /** Huawei's receipt (v1 statuses: {@code status}, v2: {@code deliveryStatus.result}); @return how many matched. */
    @WithTransaction
    public Uni<Integer> hms(JsonNode body) {
        return Multi.createFrom().iterable(body.path("statuses")).onItem().transformToUniAndConcatenate(st -> {
            int status = st.has("deliveryStatus") ? st.path("deliveryStatus").path("result").asInt(-1) : st.path("status").asInt(-1);
            long ts = st.has("deliveryStatus") ? st.path("deliveryStatus").path("timestamp").asLong(0) : st.path("timestamp").asLong(0);
            UUID notificationId;
            try {
                notificationId = UUID.fromString(st.path("biTag").asText());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(0);
            }
            OffsetDateTime at = ts > 0 ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC) : Dates.now(clock);
            return record(notificationId, st.path("token").asText(), status == HMS_DELIVERED, "HMS " + status, at,
                    HMS_TOKEN_GONE.contains(status));
        }).collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> record(UUID notificationId, String token, boolean delivered, String status, OffsetDateTime at,
            boolean tokenGone) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                update push_delivery p set receipt_status = :status,
                       delivered_at = case when :delivered then coalesce(p.delivered_at, :at) else p.delivered_at end
                from device d where d.id = p.device_id and p.notification_id = :n and d.token = :token""")
                .setParameter("status", status).setParameter("delivered", delivered).setParameter("at", at)
                .setParameter("n", notificationId).setParameter("token", token).executeUpdate()
                .call(n -> n > 0 && delivered ? s.createNativeQuery(
                        "update notification set delivered_at = :at where id = :n and delivered_at is null")
                        .setParameter("at", at).setParameter("n", notificationId).executeUpdate()
                        : Uni.createFrom().item(0))
                .call(n -> n > 0 && tokenGone ? s.createNativeQuery(
                        "update device set active = false, updated_at = :now where token = :token and active")
                        .setParameter("now", Dates.now(clock)).setParameter("token", token).executeUpdate()
                        : Uni.createFrom().item(0)));
    }

    /** Alibaba Cloud's SMS status reports: {@code [{biz_id, out_id, success, err_code, sms_size, report_time …}]}. */
    @WithTransaction
    public Uni<Integer> sms(JsonNode reports) {
        return Multi.createFrom().iterable(reports).onItem().transformToUniAndConcatenate(r -> {
            UUID id;
            try {
                id = UUID.fromString(r.path("out_id").asText());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(0);
            }
            boolean success = r.path("success").asBoolean(false);
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    update sms_message set status = :status, receipt_at = :now, receipt_code = :code, segments = :size
                    where id = :id and biz_id = :biz and status in ('SENT', 'DELIVERED', 'UNDELIVERED')""")
                    .setParameter("status", success ? "DELIVERED" : "UNDELIVERED").setParameter("now", Dates.now(clock))
                    .setParameter("code", abbreviate(r.path("err_code").asText()))
                    .setParameter("size", r.path("sms_size").asInt(1)).setParameter("id", id)
                    .setParameter("biz", r.path("biz_id").asText()).executeUpdate());
        }).collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40);
    }
}
