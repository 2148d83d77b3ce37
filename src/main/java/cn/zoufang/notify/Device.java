package cn.zoufang.notify;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An app installation; the id is the installation id the app generated. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    public enum Platform { ANDROID, IOS, HARMONY }

    /**
     * The push service the token comes from: FCM (iOS through APNs, and Android with Google services),
     * Huawei Push Kit (Huawei Android and HarmonyOS), and the push services of Honor, Xiaomi, OPPO and vivo.
     */
    public enum Provider {
        FCM, HMS, HONOR, XIAOMI, OPPO, VIVO;

        /** What an app that names no provider means: HarmonyOS has only Push Kit, everything else had FCM. */
        public static Provider defaultFor(Platform platform) {
            return platform == Platform.HARMONY ? HMS : FCM;
        }

        /** iOS reaches APNs only through FCM here, HarmonyOS only through Push Kit; Android any of them. */
        public boolean serves(Platform platform) {
            return switch (platform) {
                case IOS -> this == FCM;
                case HARMONY -> this == HMS;
                case ANDROID -> true;
            };
        }
    }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String token;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Platform platform;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Provider provider;

    @Column(name = "app_version")
    public String appVersion;

    public String locale;

    public boolean active = true;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
