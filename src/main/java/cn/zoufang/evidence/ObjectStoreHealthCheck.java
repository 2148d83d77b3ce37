package cn.zoufang.evidence;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

/** Ready only when the evidence bucket answers: without it no photo can be uploaded or shown. */
@Readiness
@HealthGroup("object-store")
@ApplicationScoped
public class ObjectStoreHealthCheck implements AsyncHealthCheck {

    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.bucketExists()
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(exists -> HealthCheckResponse.named("object-store").status(exists)
                        .withData("bucket", store.bucket()).build())
                // What went wrong is the object store's log's business, not the probe's.
                .onFailure().recoverWithItem(f -> HealthCheckResponse.named("object-store").down()
                        .withData("bucket", store.bucket()).build());
    }
}
