package cn.zoufang.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;

/**
 * In tests the real Firebase Admin SDK talks to {@link FakeFcmServer}: a fixed access token instead of
 * a service account, and an HTTP transport that sends fcm.googleapis.com's requests to the local server.
 */
@Alternative
@Priority(1)
@Singleton
public class TestFcmSetup extends FcmSetup {

    static final FakeFcmServer FCM = start();

    public TestFcmSetup(PushConfig config) {
        super(config);
    }

    private static FakeFcmServer start() {
        try {
            return new FakeFcmServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<FirebaseOptions> options() {
        GoogleCredentials credentials = GoogleCredentials.create(
                new AccessToken("test-access-token", Date.from(Instant.now().plusSeconds(3600))));
        return Optional.of(FirebaseOptions.builder().setCredentials(credentials).setProjectId("zoufang-test")
                .setHttpTransport(relay(FCM.baseUrl())).build());
    }
}
