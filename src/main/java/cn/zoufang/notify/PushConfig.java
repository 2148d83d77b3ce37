package cn.zoufang.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.push")
public interface PushConfig {

    /** Path of the Firebase service-account JSON; without it (and without {@link #credentialsJson()}) push is off. */
    Optional<String> credentialsFile();

    /** The service-account JSON itself, for platforms that pass secrets as environment variables. */
    Optional<String> credentialsJson();

    /** Non-urgent pushes created in the quiet hours (China time) wait until they end. */
    @WithDefault("22:00")
    LocalTime quietFrom();

    @WithDefault("08:00")
    LocalTime quietUntil();

    /** Tokens not seen for this long are stale: not pushed to. */
    @WithDefault("P30D")
    Duration staleAfter();

    /** Tokens not seen for this long are deleted, with their pending pushes. */
    @WithDefault("P270D")
    Duration deleteAfter();

    /** How often the dispatcher looks for due pushes ("off" disables it, as the tests do). */
    @WithDefault("2s")
    String dispatchEvery();

    /**
     * Attempts before a push is given up as DEAD (visible to the admin). With the backoff doubling from 2 s
     * up to {@link #maxBackoff()}, 16 attempts ride out an FCM outage of about two hours.
     */
    @WithDefault("16")
    int maxAttempts();

    /** The longest wait between two attempts of one push. */
    @WithDefault("PT30M")
    Duration maxBackoff();

    /**
     * How long a batch claimed by one dispatcher is left alone by the others while it is sent. Longer than
     * a batch can take to send; if a replica dies mid-batch, its pushes are sent again after this long.
     */
    @WithDefault("PT5M")
    Duration claimLease();

    /**
     * Where FCM's HTTP v1 API is reached, when not directly at https://fcm.googleapis.com: a relay that
     * forwards to it (where the network requires one), or a local FCM server in tests.
     */
    Optional<String> fcmUrl();

    /** When (China time) people who chose a daily digest get it; {@code off} in tests, which run it directly. */
    @WithDefault("0 30 8 * * ?")
    String digestCron();
}
