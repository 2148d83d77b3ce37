package cn.zoufang.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} for every write, the same way: the first request with a key runs and its
 * answer is kept; a retry with the same key and the same request gets that answer again (with
 * {@code Idempotent-Replayed: true}); the same key with another request is 422; a retry while the
 * first is still running is 409. A request that fails keeps nothing, since it changed nothing: its
 * retry simply runs again. Keys are per account and kept for {@link #RETENTION}.
 */
@ApplicationScoped
@WithSession
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration RETENTION = Duration.ofHours(48);
    /** A claim older than this is taken to belong to a request that died; the retry takes it over. */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final ObjectMapper json;

    private final Clock clock;

    public Idempotency(ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.json = json;
    }

    /**
     * Runs {@code action} once per (account, key). {@code request} identifies what was asked: the method,
     * the path and the body; a retry must send the same.
     */
    public Uni<Response> run(UUID accountId, String key, String method, String path, Object body,
            Supplier<Uni<Response>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 200) {
            return Uni.createFrom().failure(ApiException.invalidField(HEADER, FieldCode.INVALID,
                    "Idempotency-Key 应为 1 到 200 个字符"));
        }
        String hash = fingerprint(method, path, body);
        return claim(accountId, key, hash).flatMap(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(replay(stored));
            }
            return action.get()
                    .call(response -> keep(accountId, key, response))
                    .onFailure().call(() -> release(accountId, key));
        });
    }

    /** @return the stored answer to replay, or null when this request holds the claim and must run */
    private Uni<IdempotencyRecord> claim(UUID accountId, String key, String hash) {
        OffsetDateTime now = Dates.now(clock);
        return Panache.withTransaction(() -> IdempotencyRecord.<IdempotencyRecord>find(
                "accountId = ?1 and idemKey = ?2", accountId, key)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(existing -> {
                    if (existing == null) {
                        IdempotencyRecord r = new IdempotencyRecord();
                        r.accountId = accountId;
                        r.idemKey = key;
                        r.requestHash = hash;
                        r.createdAt = now;
                        return r.persistAndFlush().replaceWith((IdempotencyRecord) null);
                    }
                    if (!existing.requestHash.equals(hash)) {
                        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "同一个 Idempotency-Key 不能用于不同的请求");
                    }
                    if (existing.status != null) {
                        return Uni.createFrom().item(existing);
                    }
                    if (existing.createdAt.isAfter(now.minus(ABANDONED_AFTER))) {
                        throw new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "同一请求仍在处理中，请稍后重试");
                    }
                    existing.createdAt = now;
                    return Uni.createFrom().nullItem();
                }))
                // Two first requests raced to insert the same key: the loser is the retry.
                .onFailure().transform(f -> Conflicts.translate(f, "idempotency_record_pkey",
                        new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "同一请求仍在处理中，请稍后重试")));
    }

    private Uni<Void> keep(UUID accountId, String key, Response response) {
        String body;
        try {
            body = response.getEntity() == null ? null : json.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        return Panache.withTransaction(() -> IdempotencyRecord.update(
                "status = ?1, responseBody = ?2, etag = ?3, location = ?4, completedAt = ?5"
                        + " where accountId = ?6 and idemKey = ?7",
                response.getStatus(), body, etag == null ? null : etag.toString(),
                location == null ? null : location.toString(), Dates.now(clock), accountId, key))
                .replaceWithVoid();
    }

    private Uni<Void> release(UUID accountId, String key) {
        return Panache.withTransaction(() -> IdempotencyRecord.delete(
                "accountId = ?1 and idemKey = ?2 and status is null", accountId, key)).replaceWithVoid();
    }

    private static Response replay(IdempotencyRecord stored) {
        Response.ResponseBuilder b = Response.status(stored.status).header("Idempotent-Replayed", "true");
        if (stored.responseBody != null) {
            b.entity(stored.responseBody).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (stored.etag != null) {
            b.header(HttpHeaders.ETAG, stored.etag);
        }
        if (stored.location != null) {
            b.header(HttpHeaders.LOCATION, stored.location);
        }
        return b.build();
    }

    private String fingerprint(String method, String path, Object body) {
        try {
            String text = method + " " + path + "\n" + json.writeValueAsString(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys older than the retention are forgotten; deleting twice from two replicas is harmless. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldKeys() {
        return Panache.withTransaction(() -> IdempotencyRecord.delete("createdAt < ?1",
                Dates.now(clock).minus(RETENTION))).replaceWithVoid();
    }
}
