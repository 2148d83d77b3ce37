package cn.zoufang.notify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;

/** Firebase options from the service-account JSON (a file, or the JSON in an environment variable). */
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
                return Optional.of(FirebaseOptions.builder().setCredentials(credentials).build());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the Firebase credentials", e);
        }
    }
}
