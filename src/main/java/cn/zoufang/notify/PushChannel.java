package cn.zoufang.notify;

import java.time.Duration;
import java.util.List;

/**
 * One push service: FCM, or a phone maker's own (Huawei, Honor, Xiaomi, OPPO, vivo), each a bean the
 * dispatcher finds by its {@link #provider()}. {@link #send} blocks; the dispatcher calls it on a worker
 * thread with pushes of this provider only, and reads the results in the same order.
 */
public interface PushChannel {

    Device.Provider provider();

    boolean enabled();

    /** Why the channel is off, for the log and health; null when it is on. */
    String disabledReason();

    List<Result> send(List<Push> pushes);

    /** What leaves the country: no personal data, no enterprise name, only ids and a generic text. */
    record Push(String token, Device.Platform platform, String notificationId, NotificationType type, String objectId,
            boolean urgent) {

        public String deepLink() {
            return switch (type.objectType()) {
                case "ISSUE" -> "zoufang://issues/" + objectId;
                case "GROUP" -> "zoufang://groups/" + objectId + "/visit-gaps";
                case "REPORT" -> "zoufang://groups/" + objectId + "/reports";
                case "INBOX" -> "zoufang://inbox";
                case "PROJECT" -> "zoufang://projects/" + objectId;
                case "FIGURE_CONTEST" -> "zoufang://figure-contests/" + objectId;
                default -> "zoufang://photos/" + objectId;
            };
        }
    }

    /**
     * SENT: accepted by the service. TOKEN_INVALID: the device is gone (deactivated). RATE_LIMITED: the
     * service's quota or flow control (wait at least a minute, or as long as it says). RETRY: a transient
     * fault (back off). FAILED: the message itself was refused (not tried again).
     */
    enum Outcome { SENT, TOKEN_INVALID, RATE_LIMITED, RETRY, FAILED }

    /** The least wait after a service's quota or flow control, however short the wait it asks for. */
    Duration FLOW_CONTROL_WAIT = Duration.ofSeconds(60);

    record Result(Outcome outcome, String messageId, String error, Duration retryAfter) {

        /**
         * How long before the next try, the same for pushes and SMS: after flow control as long as the service
         * asks but at least {@link #FLOW_CONTROL_WAIT}; after a fault its Retry-After, or the backoff.
         */
        public Duration waitBeforeNextTry(int attempts, Duration maxBackoff) {
            if (outcome == Outcome.RATE_LIMITED) {
                return retryAfter != null && retryAfter.compareTo(FLOW_CONTROL_WAIT) > 0 ? retryAfter : FLOW_CONTROL_WAIT;
            }
            return retryAfter != null ? retryAfter : PushDispatcher.backoff(attempts, maxBackoff);
        }

        public static Result sent(String messageId) {
            return new Result(Outcome.SENT, messageId, null, null);
        }

        public static Result of(Outcome outcome, String error) {
            return new Result(outcome, null, error, null);
        }

        public static Result limited(String error, Duration retryAfter) {
            return new Result(Outcome.RATE_LIMITED, null, error, retryAfter);
        }
    }
}
