package cn.zoufang.evidence;

import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PostPolicy;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * The S3 object store, through MinIO's asynchronous client: calls return futures, so nothing blocks
 * the event loop; reading an object's bytes (a stream) happens on a worker thread. Presigned URLs are
 * made for the address the phones use ({@code public-endpoint}), which may differ from the service's.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    private final ObjectStoreConfig config;
    private final MinioAsyncClient client;
    private final MinioAsyncClient presigner;
    private final String publicBase;
    private final Vertx vertx;

    public ObjectStore(ObjectStoreConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.client = client(config.endpoint(), config);
        this.presigner = config.publicEndpoint().map(url -> client(url, config)).orElse(client);
        this.publicBase = stripSlash(config.publicEndpoint().orElse(config.endpoint()));
    }

    private static MinioAsyncClient client(String endpoint, ObjectStoreConfig config) {
        return MinioAsyncClient.builder()
                .endpoint(endpoint)
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String bucket() {
        return config.bucket();
    }

    public Uni<Boolean> bucketExists() {
        return onCallersContext(() -> client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()));
    }

    /**
     * The client completes its futures on its own HTTP threads; continuing there would move the caller's
     * database session off its Vert.x context. So results are handed back to the caller's context.
     */
    private static <T> Uni<T> onCallersContext(Supplier<CompletionStage<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = io.vertx.core.Vertx.currentContext();
            Uni<T> result = Uni.createFrom().completionStage(call);
            return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    /**
     * The form the phone POSTs the bytes with (S3's browser-based upload): the store itself refuses an
     * upload to another key, with another Content-Type, of more than {@code maxBytes}, or after
     * {@code expiry}. A presigned PUT cannot say as much: the MinIO client signs only its host.
     * <p>
     * The policy's expiry is on the wall clock on purpose: the store checks it against its own.
     */
    public UploadForm presignPost(String key, String contentType, long maxBytes, Duration expiry) {
        PostPolicy policy = new PostPolicy(config.bucket(), ZonedDateTime.now(ZoneOffset.UTC).plus(expiry));
        policy.addEqualsCondition("key", key);
        policy.addEqualsCondition("Content-Type", contentType);
        policy.addContentLengthRangeCondition(1L, maxBytes);
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", key);
            fields.put("Content-Type", contentType);
            fields.putAll(presigner.getPresignedPostFormData(policy));
            return new UploadForm(publicBase + "/" + config.bucket(), Map.copyOf(fields));
        } catch (MinioException e) {
            throw new IllegalStateException("Cannot presign an upload form for " + key, e);
        }
    }

    /** Where to POST, and the fields to send before the file part (named {@code file}). */
    public record UploadForm(String url, Map<String, String> fields) {
    }

    /**
     * A download URL whose answer says the type the server verified, whatever the object's metadata
     * says, and names a file rather than inviting a browser to render it as a page.
     */
    public String presignGet(String key, Duration expiry, String contentType, String fileName) {
        try {
            return presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                    .bucket(config.bucket()).object(key).expiry((int) expiry.toSeconds(), TimeUnit.SECONDS)
                    .extraQueryParams(Map.of("response-content-type", contentType,
                            "response-content-disposition", "inline; filename=\"" + fileName + "\""))
                    .build());
        } catch (MinioException e) {
            throw new IllegalStateException("Cannot presign " + key, e);
        }
    }

    /** Size and Content-Type of a stored object. */
    public record Stat(long size, String contentType) {
    }

    /** @return the object's size and type, or null when there is no such object */
    public Uni<Stat> stat(String key) {
        return onCallersContext(() -> client.statObject(
                StatObjectArgs.builder().bucket(config.bucket()).object(key).build()))
                .map(stat -> new Stat(stat.size(), stat.contentType()))
                .onFailure(ObjectStore::isNoSuchKey).recoverWithNull();
    }

    public Uni<byte[]> read(String key) {
        return onCallersContext(() -> client.getObject(
                GetObjectArgs.builder().bucket(config.bucket()).object(key).build()))
                .flatMap(stream -> vertx.executeBlocking(Uni.createFrom().item(() -> readAll(stream))));
    }

    public Uni<Void> write(String key, byte[] bytes, String contentType) {
        return onCallersContext(() -> client.putObject(PutObjectArgs.builder()
                .bucket(config.bucket()).object(key).data(bytes, bytes.length).contentType(contentType).build()))
                .replaceWithVoid();
    }

    public Uni<Void> remove(String key) {
        return onCallersContext(() -> client.removeObject(
                RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build()));
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isNoSuchKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ErrorResponseException e && "NoSuchKey".equals(e.errorResponse().code())) {
                return true;
            }
        }
        return false;
    }

    // Runs on the main thread during start-up, where waiting is allowed. A store that is down does not
    // stop the service: visits work without it, and readiness reports it.
    void createBucket(@Observes StartupEvent event) {
        if (!config.createBucket()) {
            return;
        }
        try {
            BucketExistsArgs exists = BucketExistsArgs.builder().bucket(config.bucket()).build();
            if (!client.bucketExists(exists).get(10, TimeUnit.SECONDS)) {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build()).get(10, TimeUnit.SECONDS);
                LOG.infof("Created bucket %s at %s", config.bucket(), config.endpoint());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("Cannot check or create bucket %s at %s: %s", config.bucket(), config.endpoint(), e);
        }
    }
}
