package cn.zoufang.notify;

/**
 * How the phone makers' push services class a notification. They throttle or silence what they take for
 * marketing, so every notification here is a service message (服务与通讯类) of one of two kinds; each vendor
 * channel maps the kind to that vendor's field (Huawei {@code category}, Honor {@code importance}, Xiaomi
 * {@code channel_id}, OPPO {@code category}, vivo {@code classification} 1 and {@code category}), with values
 * from configuration because some of them (Xiaomi's and OPPO's channel ids) come from each vendor's console.
 * Marketing messages do not exist here.
 */
public enum PushClass {
    /** Something the person has to do: a forwarded issue, a deadline, a report, a 督办. */
    TODO,
    /** News of the person's own matter: an answer, a close-out, a decision, the digest. */
    NOTICE;

    /** The vendor's value for this kind: one of the two a channel is configured with. */
    public <T> T pick(T todo, T notice) {
        return this == TODO ? todo : notice;
    }
}
