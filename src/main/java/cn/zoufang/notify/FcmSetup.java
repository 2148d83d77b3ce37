package cn.zoufang.notify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;

/**
 * Firebase options from the service-account JSON (a file, or the JSON in an environment variable). The
 * OAuth token comes from the JSON's {@code token_uri}; FCM itself may be reached through a relay.
 */
@Singleton
public class FcmSetup {

    private final PushConfig config;

    public FcmSetup(PushConfig config) {
        this.config = config;
    }

    /** Empty when no credentials are configured: push is then off and the inbox still works. */
    public Optional<FirebaseOptions> options() {
        try {
            Optional<InputStream> json = config.credentialsJson().filter(s -> !s.isBlank())
                    .map(s -> (InputStream) new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
            Optional<Path> file = config.credentialsFile().filter(s -> !s.isBlank()).map(Path::of);
            // A configured path without a file (an optional secret not created) means push off, not a crash.
            if (json.isEmpty() && file.isPresent() && Files.isRegularFile(file.get())) {
                json = Optional.of(Files.newInputStream(file.get()));
            }
            if (json.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = json.get()) {
                GoogleCredentials credentials = GoogleCredentials.fromStream(in)
                        .createScoped("https://www.googleapis.com/auth/firebase.messaging");
                FirebaseOptions.Builder options = FirebaseOptions.builder().setCredentials(credentials);
                config.fcmUrl().filter(s -> !s.isBlank()).ifPresent(url -> options.setHttpTransport(relay(url)));
                return Optional.of(options.build());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the Firebase credentials", e);
        }
    }

    /** An HTTP transport that sends what the SDK addresses to fcm.googleapis.com to {@code baseUrl} instead. */
    static NetHttpTransport relay(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new NetHttpTransport.Builder().setConnectionFactory(url -> (HttpURLConnection)
                new URL(url.toString().replace("https://fcm.googleapis.com", base)).openConnection()).build();
    }
}
