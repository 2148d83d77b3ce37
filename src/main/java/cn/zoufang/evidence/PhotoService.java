package cn.zoufang.evidence;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.evidence.PhotoDtos.NewUpload;
import cn.zoufang.evidence.PhotoDtos.PhotoView;
import cn.zoufang.evidence.PhotoDtos.UploadSlot;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueQueries;
import cn.zoufang.ledger.IssueSteps;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import cn.zoufang.visit.Geo;
import cn.zoufang.visit.Visit;
import cn.zoufang.visit.VisitStatus;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Photo evidence of a visit. The phone asks for an upload slot, POSTs the bytes straight to the object
 * store with the presigned form (the phones' bytes never pass through the API; only the back office's, whose
 * browsers may reach no other origin), then confirms with the SHA-256 it
 * computed; the server checks the object itself and accepts or rejects it. Object-store I/O happens
 * outside database transactions, which stay short.
 */
@ApplicationScoped
@WithSession
public class PhotoService {

    private static final Logger LOG = Logger.getLogger(PhotoService.class);

    private final SecureRandom random = new SecureRandom();
    private final ObjectStore store;
    private final EvidenceConfig config;
    private final Scope scope;
    private final AuditLog audit;
    private final Vertx vertx;
    private final IssueQueries issues;
    private final IssueSteps issueSteps;
    private final Notifier notifier;

    private final Clock clock;

    public PhotoService(ObjectStore store, EvidenceConfig config, Scope scope, AuditLog audit, Vertx vertx,
            IssueQueries issues, IssueSteps issueSteps, Notifier notifier, Clock clock) {
        this.clock = clock;
        this.issues = issues;
        this.issueSteps = issueSteps;
        this.notifier = notifier;
        this.store = store;
        this.config = config;
        this.scope = scope;
        this.audit = audit;
        this.vertx = vertx;
    }

    public Uni<UploadSlot> requestUpload(Caller caller, Photo.OwnerType ownerType, UUID ownerId, NewUpload in) {
        if (in.sizeBytes() > config.maxBytes()) {
            throw ApiException.invalidField("sizeBytes", FieldCode.INVALID,
                    "照片不能超过 " + config.maxBytes() / (1024 * 1024) + " MB");
        }
        return writableOwner(caller, ownerType, ownerId)
                .call(owner -> storeAvailable())
                .flatMap(owner -> {
                    Photo p = new Photo();
                    p.id = UUID.randomUUID();
                    p.ownerType = ownerType;
                    p.ownerId = owner;
                    p.uploadedBy = caller.id();
                    // The phone may write only to the upload key; the evidence key is chosen on acceptance.
                    p.uploadKey = "uploads/" + unguessable() + extension(in.contentType());
                    p.contentType = in.contentType();
                    p.declaredBytes = in.sizeBytes();
                    p.status = PhotoStatus.PENDING;
                    p.createdAt = Dates.now(clock);
                    return Panache.withTransaction(() -> p.persist()
                            .chain(() -> audit.record(Entry.by(caller, "PHOTO_UPLOAD_REQUEST", "PHOTO", p.id)
                                    .detail(ownerType + " " + owner))))
                            .map(x -> {
                                Duration expiry = config.uploadExpiry();
                                ObjectStore.UploadForm form = store.presignPost(p.uploadKey, p.contentType,
                                        config.maxBytes(), expiry);
                                return new UploadSlot(view(caller, p, null), form.url(), "POST", form.fields(),
                                        Dates.now(clock).plus(expiry), config.maxBytes());
                            });
                });
    }

    /** Checks the uploaded object and accepts or rejects it; a confirmed photo answers as it stands. */
    public Uni<PhotoView> confirm(Caller caller, UUID photoId, String sha256) {
        return writablePhoto(caller, photoId).flatMap(p -> {
            // A wrong hash deletes the upload: only the phone that made it may say which bytes it sent.
            if (!p.uploadedBy.equals(caller.id())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "只有上传这张照片的人可以确认它");
            }
            if (p.status != PhotoStatus.PENDING) {
                return Uni.createFrom().item(view(caller, p, downloadExpiry(p)));
            }
            return store.stat(p.uploadKey)
                    .onFailure().transform(PhotoService::storageUnavailable)
                    .flatMap(stat -> {
                        if (stat == null) {
                            throw new ApiException(ErrorCode.UPLOAD_NOT_FOUND, "对象存储中还没有这张照片，请先完成上传");
                        }
                        long size = stat.size();
                        if (size > config.maxBytes()) {
                            return reject(caller, p, RejectReason.TOO_LARGE, size);
                        }
                        if (!p.contentType.equals(stat.contentType())) {
                            // Uploaded with another Content-Type than the slot was for.
                            return reject(caller, p, RejectReason.TYPE_MISMATCH, size);
                        }
                        return store.read(p.uploadKey)
                                .onFailure().transform(PhotoService::storageUnavailable)
                                .flatMap(bytes -> inspect(bytes, p).flatMap(found -> {
                                    if (found.refused() != null) {
                                        return reject(caller, p, found.refused(), size);
                                    }
                                    if (!found.type().equals(p.contentType)) {
                                        return reject(caller, p, RejectReason.TYPE_MISMATCH, size);
                                    }
                                    if (!found.sha256().equalsIgnoreCase(sha256)) {
                                        return reject(caller, p, RejectReason.HASH_MISMATCH, size);
                                    }
                                    return accept(caller, p, bytes, found, size);
                                }));
                    });
        });
    }

    /**
     * The back office's upload: a browser may reach only the service's own origin, so the bytes come through
     * it (at most the photo limit) to the slot's upload key; the confirmation then checks them as a phone's.
     */
    public Uni<Void> upload(Caller caller, UUID photoId, String contentType, byte[] bytes) {
        return writablePhoto(caller, photoId).flatMap(p -> {
            if (!p.uploadedBy.equals(caller.id())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "只有申请上传的人可以上传这张照片");
            }
            if (p.status != PhotoStatus.PENDING) {
                throw new ApiException(ErrorCode.INVALID_STATE, "这张照片已确认，不能再上传");
            }
            if (!p.contentType.equals(contentType)) {
                throw ApiException.invalidField("Content-Type", FieldCode.INVALID,
                        "与申请上传时说明的类型（" + p.contentType + "）不一致");
            }
            if (bytes.length == 0 || bytes.length > config.maxBytes()) {
                throw ApiException.invalidField("body", FieldCode.INVALID,
                        "照片应大于 0 且不超过 " + config.maxBytes() / (1024 * 1024) + " MB");
            }
            return store.write(p.uploadKey, bytes, p.contentType).onFailure().transform(PhotoService::storageUnavailable);
        });
    }

    /** A photo's bytes (or its thumbnail's) as the caller may see them: what the download URLs would give. */
    public record Content(byte[] bytes, String contentType, String fileName) {
    }

    private record Stored(String key, String contentType, String fileName) {
    }

    /**
     * Through the service for the back office, which loads nothing from another origin. The same choice as
     * the URLs of {@link #view}: an enterprise gets another's photo only as the copy without metadata.
     */
    public Uni<Content> content(Caller caller, UUID photoId, boolean thumbnail) {
        return Photo.<Photo>findById(photoId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("照片"))
                .call(p -> visibleOwner(caller, p.ownerType, p.ownerId))
                .flatMap(p -> {
                    String name = "photo-" + p.id;
                    Stored what = p.status != PhotoStatus.ACCEPTED ? null
                            : thumbnail ? new Stored(p.thumbnailKey, PhotoInspector.JPEG, name + "-thumb.jpg")
                            : !othersPhotoForEnterprise(caller, p) ? new Stored(p.objectKey, p.contentType, name + extension(p.contentType))
                            : new Stored(p.shareableKey, PhotoInspector.JPEG, name + ".jpg");
                    if (what == null || what.key() == null) {
                        throw ApiException.notFound("照片");
                    }
                    return store.read(what.key()).onFailure().transform(PhotoService::storageUnavailable)
                            .map(bytes -> new Content(bytes, what.contentType(), what.fileName()));
                });
    }

    private static boolean othersPhotoForEnterprise(Caller caller, Photo p) {
        return caller.hasAny(Role.ENTERPRISE_CONTACT) && !p.uploadedBy.equals(caller.id());
    }

    /**
     * On a worker thread. Whatever goes wrong while looking at the bytes (a decoder's own bug included),
     * the photo is refused as unreadable rather than left pending.
     */
    private Uni<PhotoInspector.Inspection> inspect(byte[] bytes, Photo p) {
        PhotoInspector.Limits limits = new PhotoInspector.Limits(config.thumbnailSize(), config.maxPixels(),
                p.ownerType == Photo.OwnerType.ISSUE);
        return vertx.executeBlocking(Uni.createFrom().item(() -> PhotoInspector.inspect(bytes, limits)))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Photo %s could not be inspected: %s", p.id, e.getClass().getName());
                    return PhotoInspector.Inspection.refused(null, null, RejectReason.UNREADABLE);
                });
    }

    public Uni<PhotoView> get(Caller caller, UUID photoId) {
        return Photo.<Photo>findById(photoId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("照片"))
                .call(p -> visibleOwner(caller, p.ownerType, p.ownerId))
                .map(p -> view(caller, p, downloadExpiry(p)));
    }

    public Uni<List<PhotoView>> list(Caller caller, Photo.OwnerType ownerType, UUID ownerId) {
        return visibleOwner(caller, ownerType, ownerId)
                .chain(owner -> Photo.<Photo>list("ownerType = ?1 and ownerId = ?2 order by createdAt, id",
                        ownerType, owner))
                .map(photos -> photos.stream().map(p -> view(caller, p, downloadExpiry(p))).toList());
    }

    /**
     * Writes the bytes that were checked (not whatever the upload key holds by now) to the evidence key,
     * with the verified type, beside the thumbnail and, for an issue, the copy an enterprise downloads;
     * then removes the upload. Only then does the row say ACCEPTED.
     */
    private Uni<PhotoView> accept(Caller caller, Photo p, byte[] bytes, PhotoInspector.Inspection found, long size) {
        // A key of this confirmation's own: if another confirmation of the photo wins the race, what this
        // one wrote is removed and never served.
        String key = (p.ownerType == Photo.OwnerType.VISIT ? "visits/" : "issues/") + p.ownerId + "/" + p.id + "-"
                + unguessable() + extension(found.type());
        String thumbKey = found.thumbnail() == null ? null : key + ".thumb.jpg";
        String shareKey = found.shareable() == null ? null : key + ".share.jpg";
        Uni<Void> stored = store.write(key, bytes, found.type())
                .chain(() -> thumbKey == null ? Uni.createFrom().voidItem()
                        : store.write(thumbKey, found.thumbnail(), PhotoInspector.JPEG))
                .chain(() -> shareKey == null ? Uni.createFrom().voidItem()
                        : store.write(shareKey, found.shareable(), PhotoInspector.JPEG))
                .onFailure().transform(PhotoService::storageUnavailable);
        Consumer<Photo> verified = row -> {
            row.status = PhotoStatus.ACCEPTED;
            row.objectKey = key;
            row.sha256 = found.sha256().toLowerCase();
            row.storedSha256 = row.sha256;
            row.sizeBytes = size;
            row.width = found.width();
            row.height = found.height();
            row.capturedAt = found.capturedAt();
            row.gpsLatitude = found.latitude();
            row.gpsLongitude = found.longitude();
            row.thumbnailKey = thumbKey;
            row.shareableKey = shareKey;
        };
        Entry accepted = Entry.by(caller, "PHOTO_ACCEPT", "PHOTO", p.id).detail(found.type() + " sha256 " + found.sha256());
        Uni<Photo> recorded;
        if (p.ownerType != Photo.OwnerType.VISIT) {
            // An issue's photo shows the problem or the answer; when and where it was taken is not judged.
            recorded = stored.chain(() -> record(p.id, verified, accepted, () -> issueSteps.photoAdded(caller, p.ownerId, p.id)));
        } else {
            recorded = stored.chain(() -> Visit.<Visit>findById(p.ownerId))
                    .flatMap(v -> Enterprise.<Enterprise>findById(v.enterpriseId).map(e -> judge(v, e, found)))
                    .flatMap(judged -> record(p.id, row -> {
                        verified.accept(row);
                        row.gpsDistanceMeters = judged.distanceMeters();
                        row.flags = judged.flags();
                    }, accepted, null));
        }
        return recorded.call(row -> key.equals(row.objectKey)
                ? store.remove(p.uploadKey).onFailure().recoverWithNull()
                : removeQuietly(key, thumbKey, shareKey))
                .map(row -> view(caller, row, downloadExpiry(row)));
    }

    /** Objects that lost a race: never referenced, so a failure to remove them only leaves garbage. */
    private Uni<Void> removeQuietly(String... keys) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String k : keys) {
            if (k != null) {
                all = all.chain(() -> store.remove(k).onFailure().recoverWithNull());
            }
        }
        return all;
    }

    private record Judged(Set<PhotoFlag> flags, Double distanceMeters) {
    }

    /** When and where a visit's photo was taken, against the visit's day and the enterprise's position. */
    private Judged judge(Visit v, Enterprise e, PhotoInspector.Inspection found) {
        Set<PhotoFlag> flags = EnumSet.noneOf(PhotoFlag.class);
        LocalDate visitDay = v.checkInAt != null ? v.checkInAt.atZoneSameInstant(Dates.ZONE).toLocalDate() : v.plannedDate;
        if (found.capturedAt() == null) {
            flags.add(PhotoFlag.NO_CAPTURE_TIME);
        } else if (!found.capturedAt().atZoneSameInstant(Dates.ZONE).toLocalDate().equals(visitDay)) {
            flags.add(PhotoFlag.OUTSIDE_VISIT_DAY);
        }
        Double distance = null;
        if (found.latitude() == null) {
            flags.add(PhotoFlag.NO_LOCATION);
        } else if (e.latitude != null) {
            // EXIF positions are WGS-84, like the enterprise's registered one.
            distance = Math.round(Geo.distanceMeters(found.latitude(), found.longitude(), e.latitude, e.longitude) * 10) / 10.0;
            if (distance > config.maxDistanceMeters()) {
                flags.add(PhotoFlag.FAR_FROM_SITE);
            }
        }
        return new Judged(flags, distance);
    }

    private Uni<PhotoView> reject(Caller caller, Photo p, RejectReason reason, long size) {
        return store.remove(p.uploadKey)
                .onFailure().transform(PhotoService::storageUnavailable)
                .chain(() -> record(p.id, row -> {
                    row.status = PhotoStatus.REJECTED;
                    row.rejectReason = reason;
                    row.sizeBytes = size;
                }, Entry.by(caller, "PHOTO_REJECT", "PHOTO", p.id).detail(reason.name()),
                        // The phone that confirmed hears it in the answer; another uploader gets a notification.
                        () -> p.uploadedBy.equals(caller.id()) ? Uni.createFrom().voidItem()
                                : notifier.notify(List.of(p.uploadedBy), NotificationType.PHOTO_REJECTED, p.id, false)))
                .map(row -> view(caller, row, downloadExpiry(row)));
    }

    /**
     * Records the outcome, with whatever else must commit with it ({@code alsoInTransaction}, may be null).
     * @return the row as it stands: another confirmation of the same photo may have finished first
     */
    private Uni<Photo> record(UUID id, Consumer<Photo> change, Entry auditEntry, Supplier<Uni<Void>> alsoInTransaction) {
        return Panache.withTransaction(() -> Photo.<Photo>findById(id).flatMap(row -> {
            if (row.status != PhotoStatus.PENDING) {
                return Uni.createFrom().item(row);
            }
            change.accept(row);
            row.confirmedAt = Dates.now(clock);
            Uni<Void> more = alsoInTransaction == null ? Uni.createFrom().voidItem() : alsoInTransaction.get();
            return audit.record(auditEntry).chain(() -> more).replaceWith(row);
        }));
    }

    private Uni<Visit> writableVisit(Caller caller, UUID visitId) {
        Scope.Clause writes = scope.visitWrites(caller, "v");
        Map<String, Object> params = writes.into(new HashMap<>());
        params.put("id", visitId);
        return Visit.<Visit>find("from Visit v where v.id = :id and " + writes.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("走访记录"))
                .invoke(v -> {
                    if (v.status == VisitStatus.CANCELLED) {
                        throw new ApiException(ErrorCode.INVALID_STATE, "走访已取消，不能再上传照片");
                    }
                });
    }

    private Uni<Photo> writablePhoto(Caller caller, UUID photoId) {
        return Photo.<Photo>findById(photoId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("照片"))
                .call(p -> writableOwner(caller, p.ownerType, p.ownerId));
    }

    /** Who may add evidence: a visit's group; for an issue, those working on it or raising it while it is open. */
    private Uni<UUID> writableOwner(Caller caller, Photo.OwnerType type, UUID id) {
        if (type == Photo.OwnerType.VISIT) {
            return writableVisit(caller, id).map(v -> v.id);
        }
        return issues.findVisible(caller, id).map(issue -> {
            if (!caller.hasAny(Role.ENTERPRISE_CONTACT, Role.ENTERPRISE_DESK, Role.OFFICIAL, Role.GROUP_LEADER,
                    Role.DEPARTMENT_HANDLER) || issue.status == IssueStatus.CLOSED) {
                throw new ApiException(ErrorCode.INVALID_STATE, "该诉求已销号或您不能为其添加照片");
            }
            return issue.id;
        });
    }

    private Uni<UUID> visibleOwner(Caller caller, Photo.OwnerType type, UUID id) {
        if (type == Photo.OwnerType.VISIT) {
            return visibleVisit(caller, id).map(v -> v.id);
        }
        return issues.findVisible(caller, id).map(issue -> issue.id);
    }

    /** Photos are notes of the group: visible where the visit's detail is, never to the enterprise. */
    private Uni<Visit> visibleVisit(Caller caller, UUID visitId) {
        Scope.Clause visible = scope.visits(caller, "v");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", visitId);
        return Visit.<Visit>find("from Visit v where v.id = :id and " + visible.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("走访记录"))
                .call(v -> Visit.getSession().flatMap(s -> s.createSelectionQuery(
                        "select count(m) from GroupMember m where m.groupId = :g and m.accountId = :me", Long.class)
                        .setParameter("g", v.groupId).setParameter("me", caller.id()).getSingleResult())
                        .invoke(n -> {
                            if (!scope.seesVisitDetail(caller, n > 0)) {
                                throw ApiException.notFound("走访记录");
                            }
                        }));
    }

    private Uni<Void> storeAvailable() {
        return store.bucketExists()
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().transform(PhotoService::storageUnavailable)
                .invoke(exists -> {
                    if (!exists) {
                        throw unavailable();
                    }
                })
                .replaceWithVoid();
    }

    static Throwable storageUnavailable(Throwable cause) {
        if (cause instanceof ApiException) {
            return cause;
        }
        LOG.warn("Object store unavailable: " + cause);
        return unavailable();
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.STORAGE_UNAVAILABLE, "照片存储暂时不可用，请稍后再试；走访记录不受影响");
    }

    private Duration downloadExpiry(Photo p) {
        return p.status == PhotoStatus.ACCEPTED ? config.downloadExpiry() : null;
    }

    /**
     * Download and thumbnail URLs only for accepted photos, each valid for {@code expiry}. An enterprise
     * sees no staff member's position or capture time, and downloads the re-encoded copy without metadata
     * (none for HEIC, which the service cannot re-encode); the thumbnail never carries metadata.
     */
    private PhotoView view(Caller caller, Photo p, Duration expiry) {
        boolean othersPhotoForEnterprise = othersPhotoForEnterprise(caller, p);
        List<PhotoFlag> flags = p.flags.stream().sorted(Comparator.naturalOrder()).toList();
        String name = "photo-" + p.id;
        String download = null;
        if (expiry != null && !othersPhotoForEnterprise) {
            download = store.presignGet(p.objectKey, expiry, p.contentType, name + extension(p.contentType));
        } else if (expiry != null && p.shareableKey != null) {
            download = store.presignGet(p.shareableKey, expiry, PhotoInspector.JPEG, name + ".jpg");
        }
        String thumbnail = expiry == null || p.thumbnailKey == null ? null
                : store.presignGet(p.thumbnailKey, expiry, PhotoInspector.JPEG, name + "-thumb.jpg");
        boolean visit = p.ownerType == Photo.OwnerType.VISIT;
        return new PhotoView(p.id, visit ? p.ownerId : null, visit ? null : p.ownerId, p.status, p.status.label(), p.rejectReason,
                p.rejectReason == null ? null : p.rejectReason.label(), p.contentType, p.sizeBytes, p.width, p.height,
                othersPhotoForEnterprise ? null : p.capturedAt,
                othersPhotoForEnterprise ? null : p.gpsLatitude, othersPhotoForEnterprise ? null : p.gpsLongitude,
                othersPhotoForEnterprise ? null : p.gpsDistanceMeters, flags, flags.stream().map(PhotoFlag::label).toList(),
                p.createdAt, p.confirmedAt, download, thumbnail,
                expiry == null ? null : Dates.now(clock).plus(expiry), p.version);
    }

    private String unguessable() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case PhotoInspector.PNG -> ".png";
            case PhotoInspector.HEIC -> ".heic";
            default -> ".jpg";
        };
    }
}
