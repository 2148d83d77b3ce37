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

    /** Huawei Push Kit: Huawei's Android phones (v1 API) and HarmonyOS (v3 API). */
    Hms hms();

    /** Honor's push service. */
    Honor honor();

    /** Xiaomi's push service (Xiaomi and Redmi phones). */
    Xiaomi xiaomi();

    /** OPPO's push service (OPPO, OnePlus and realme phones). */
    Oppo oppo();

    /** vivo's push service (vivo and iQOO phones). */
    Vivo vivo();

    interface Hms {
        /** The app id from AppGallery Connect; with the client id and secret it turns on pushes to Android phones. */
        Optional<String> appId();

        Optional<String> clientId();

        Optional<String> clientSecret();

        /** HarmonyOS (the v3 API): the project id and the service-account key (JSON) from AppGallery Connect. */
        Optional<String> projectId();

        Optional<String> serviceAccountJson();

        @WithDefault("https://push-api.cloud.huawei.com")
        String url();

        @WithDefault("https://oauth-login.cloud.huawei.com/oauth2/v3/token")
        String tokenUrl();

        /** Huawei's class of a work message (self-classification approved in AppGallery Connect). */
        @WithDefault("WORK")
        String categoryTodo();

        @WithDefault("WORK")
        String categoryNotice();

        /** The receipt callback's user name and key, as set in AppGallery Connect; without both, receipts are refused. */
        Optional<String> receiptUser();

        Optional<String> receiptKey();
    }

    interface Honor {
        Optional<String> appId();

        Optional<String> clientId();

        Optional<String> clientSecret();

        @WithDefault("https://push-api.cloud.honor.com")
        String url();

        @WithDefault("https://iam.developer.honor.com/auth/token")
        String tokenUrl();

        /** Honor's importance: NORMAL is its service-and-communication class (LOW is marketing). */
        @WithDefault("NORMAL")
        String importanceTodo();

        @WithDefault("NORMAL")
        String importanceNotice();
    }

    interface Xiaomi {
        Optional<String> appSecret();

        /** The app's package name (restricted_package_name). */
        Optional<String> packageName();

        @WithDefault("https://api.xmpush.xiaomi.com")
        String url();

        /** The ids of the service channels created in Xiaomi's console; without them Xiaomi treats pushes as public ones. */
        Optional<String> channelIdTodo();

        Optional<String> channelIdNotice();
    }

    interface Oppo {
        Optional<String> appKey();

        Optional<String> masterSecret();

        @WithDefault("https://api.push.oppomobile.com")
        String url();

        /** The private (service) channel id registered with OPPO. */
        Optional<String> channelId();

        @WithDefault("TODO")
        String categoryTodo();

        @WithDefault("ACCOUNT")
        String categoryNotice();
    }

    interface Vivo {
        Optional<String> appId();

        Optional<String> appKey();

        Optional<String> appSecret();

        @WithDefault("https://api-push.vivo.com.cn")
        String url();

        /** vivo's system-message category (classification 1). */
        @WithDefault("TODO")
        String categoryTodo();

        @WithDefault("ACCOUNT")
        String categoryNotice();
    }
}
