package cn.zoufang.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;

import io.quarkus.runtime.Startup;

/** Firebase Cloud Messaging through the Admin SDK (HTTP v1). Blocking: the dispatcher calls it off the event loop. */
@ApplicationScoped
@Startup
public class FcmChannel implements PushChannel {

    private static final Logger LOG = Logger.getLogger(FcmChannel.class);

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    public FcmChannel(FcmSetup setup) {
        Optional<FirebaseOptions> options = setup.options();
        if (options.isEmpty()) {
            app = null;
            messaging = null;
            LOG.warn("Push is off: no Firebase credentials (zoufang.push.credentials-file or -json). The inbox still works.");
            return;
        }
        app = FirebaseApp.initializeApp(options.get(), "zoufang-" + System.identityHashCode(this));
        messaging = FirebaseMessaging.getInstance(app);
        LOG.info("Push is on: Firebase Cloud Messaging");
    }

    @PreDestroy
    void close() {
        if (app != null) {
            app.delete();
        }
    }

    @Override
    public Device.Provider provider() {
        return Device.Provider.FCM;
    }

    @Override
    public boolean enabled() {
        return messaging != null;
    }

    @Override
    public String disabledReason() {
        return enabled() ? null : "no Firebase credentials configured";
    }

    @Override
    public List<Result> send(List<Push> batch) {
        List<Message> messages = batch.stream().map(FcmChannel::toFcm).toList();
        List<Result> results = new ArrayList<>();
        try {
            BatchResponse response = messaging.sendEach(messages);
            for (SendResponse r : response.getResponses()) {
                results.add(r.isSuccessful() ? new Result(Outcome.SENT, r.getMessageId(), null, null) : failure(r.getException()));
            }
        } catch (FirebaseMessagingException e) {
            // The whole batch failed (auth, network): every message is retried later.
            batch.forEach(m -> results.add(failure(e)));
        }
        return results;
    }

    /** The payload: generic Chinese text, the type, the object's id and a deep link; the id doubles as collapse key. */
    static Message toFcm(Push m) {
        return Message.builder()
                .setToken(m.token())
                .setNotification(Notification.builder().setTitle(m.type().title()).setBody(m.type().body()).build())
                .putData("notificationId", m.notificationId())
                .putData("type", m.type().name())
                .putData("objectType", m.type().objectType())
                .putData("objectId", m.objectId())
                .putData("link", m.deepLink())
                .setAndroidConfig(AndroidConfig.builder().setCollapseKey(m.notificationId())
                        .setPriority(m.urgent() ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL).build())
                .setApnsConfig(ApnsConfig.builder().putHeader("apns-collapse-id", m.notificationId())
                        .setAps(Aps.builder().setThreadId(m.type().name()).build()).build())
                .build();
    }

    private static Result failure(FirebaseMessagingException e) {
        MessagingErrorCode code = e == null ? null : e.getMessagingErrorCode();
        String error = (code == null ? String.valueOf(e == null ? null : e.getErrorCode()) : code.name())
                + ": " + (e == null ? "" : e.getMessage());
        Duration retryAfter = retryAfter(e);
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.SENDER_ID_MISMATCH
                || (code == MessagingErrorCode.INVALID_ARGUMENT && e.getMessage() != null
                        && e.getMessage().toLowerCase().contains("token"))) {
            return new Result(Outcome.TOKEN_INVALID, null, error, null);
        }
        if (code == MessagingErrorCode.QUOTA_EXCEEDED) {
            return new Result(Outcome.RATE_LIMITED, null, error, retryAfter);
        }
        if (code == MessagingErrorCode.INVALID_ARGUMENT || code == MessagingErrorCode.THIRD_PARTY_AUTH_ERROR) {
            return new Result(Outcome.FAILED, null, error, null);
        }
        return new Result(Outcome.RETRY, null, error, retryAfter);
    }

    private static Duration retryAfter(FirebaseMessagingException e) {
        if (e == null || e.getHttpResponse() == null) {
            return null;
        }
        for (Map.Entry<String, Object> h : e.getHttpResponse().getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase("retry-after")) {
                Object v = h.getValue() instanceof List<?> l && !l.isEmpty() ? l.get(0) : h.getValue();
                try {
                    return Duration.ofSeconds(Long.parseLong(String.valueOf(v).trim()));
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }
}
