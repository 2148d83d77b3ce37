package cn.zoufang.evidence;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The S3 object store, through MinIO's asynchronous client: every call returns a future, so nothing
 * blocks the event loop; Unis are built lazily so that each subscription makes its own request.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    private final ObjectStoreConfig config;
    private final MinioAsyncClient client;

    public ObjectStore(ObjectStoreConfig config) {
        this.config = config;
        this.client = MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }

    public MinioAsyncClient client() {
        return client;
    }

    public String bucket() {
        return config.bucket();
    }

    public Uni<Boolean> bucketExists() {
        return Uni.createFrom().completionStage(
                () -> client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()));
    }

    // Runs on the main thread during start-up, where waiting is allowed.
    void createBucket(@Observes StartupEvent event) throws Exception {
        if (!config.createBucket()) {
            return;
        }
        BucketExistsArgs exists = BucketExistsArgs.builder().bucket(config.bucket()).build();
        if (!client.bucketExists(exists).get(30, TimeUnit.SECONDS)) {
            client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build()).get(30, TimeUnit.SECONDS);
            LOG.infof("Created bucket %s at %s", config.bucket(), config.endpoint());
        }
    }
}
