package cn.zoufang.notify;

import java.time.Duration;
import java.util.List;

/**
 * Where pushes go. FCM today; a provider for phones without Google services (HarmonyOS, vendor
 * channels in mainland China) can be added behind the same interface. {@link #send} blocks.
 */
public interface PushChannel {

    boolean enabled();

    /** Why the channel is off, for the log and health; null when it is on. */
    String disabledReason();

    List<Result> send(List<Push> pushes);

    /** What leaves the country: no personal data, no enterprise name, only ids and a generic text. */
    record Push(String token, String notificationId, NotificationType type, String objectId, boolean urgent) {

        public String deepLink() {
            return switch (type.objectType()) {
                case "ISSUE" -> "zoufang://issues/" + objectId;
                case "GROUP" -> "zoufang://groups/" + objectId + "/visit-gaps";
                case "REPORT" -> "zoufang://groups/" + objectId + "/reports";
                case "INBOX" -> "zoufang://inbox";
                default -> "zoufang://photos/" + objectId;
            };
        }
    }

    enum Outcome { SENT, TOKEN_INVALID, RATE_LIMITED, RETRY, FAILED }

    record Result(Outcome outcome, String messageId, String error, Duration retryAfter) {
    }
}
