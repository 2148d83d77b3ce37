package cn.zoufang.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A visit's evidence for the office (走访证据包): its accepted photos and a list of them, zipped. Every
 * photo's stored bytes are hashed again and compared with the hash recorded when it was accepted (or
 * when retention last rewrote it); a photo that does not match is left out, named in the list, and
 * written to the audit trail — altered evidence is never handed on.
 */
@ApplicationScoped
@WithSession
public class EvidencePackage {

    /** Bigger packages are refused: they would be held in memory. */
    static final long MAX_BYTES = 100L * 1024 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final VisitService visits;
    private final ObjectStore store;
    private final AuditLog audit;
    private final Vertx vertx;

    public EvidencePackage(VisitService visits, ObjectStore store, AuditLog audit, Vertx vertx) {
        this.visits = visits;
        this.store = store;
        this.audit = audit;
        this.vertx = vertx;
    }

    private record Checked(Photo photo, byte[] bytes, String storedHash, boolean intact) {
    }

    public Uni<byte[]> forVisit(Caller caller, UUID visitId) {
        return visits.findVisible(caller, visitId)
                .chain(v -> Photo.<Photo>list("ownerType = ?1 and ownerId = ?2 and status = ?3 order by createdAt, id",
                        Photo.OwnerType.VISIT, v.id, PhotoStatus.ACCEPTED))
                .flatMap(photos -> {
                    long total = photos.stream().mapToLong(p -> p.sizeBytes == null ? 0 : p.sizeBytes).sum();
                    if (total > MAX_BYTES) {
                        throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "证据包超过 100 MB，请逐张下载照片");
                    }
                    return Multi.createFrom().iterable(photos)
                            .onItem().transformToUniAndConcatenate(this::check)
                            .collect().asList();
                })
                .call(checked -> recordIntegrity(caller, visitId, checked))
                .flatMap(checked -> vertx.executeBlocking(Uni.createFrom().item(() -> zip(checked))));
    }

    private Uni<Checked> check(Photo p) {
        return store.read(p.objectKey)
                .onFailure().transform(PhotoService::storageUnavailable)
                .flatMap(bytes -> vertx.executeBlocking(Uni.createFrom().item(() -> PhotoInspector.sha256(bytes)))
                        .map(hash -> new Checked(p, bytes, hash,
                                hash.equalsIgnoreCase(p.storedSha256 != null ? p.storedSha256 : p.sha256))));
    }

    private Uni<Void> recordIntegrity(Caller caller, UUID visitId, List<Checked> checked) {
        List<Checked> broken = checked.stream().filter(c -> !c.intact()).toList();
        Uni<Void> all = audit.recordAlone(Entry.by(caller, "EVIDENCE_EXPORT", "VISIT", visitId)
                .detail(checked.size() + " photos, " + broken.size() + " failed the hash check"));
        for (Checked c : broken) {
            all = all.chain(() -> audit.recordAlone(Entry.by(caller, "EVIDENCE_INTEGRITY_FAILURE", "PHOTO", c.photo().id)
                    .result(AuditLog.Result.FAILURE)
                    .detail("recorded sha256 " + (c.photo().storedSha256 != null ? c.photo().storedSha256 : c.photo().sha256)
                            + "; stored object now " + c.storedHash())));
        }
        return all;
    }

    private static byte[] zip(List<Checked> checked) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            List<String> lines = new ArrayList<>();
            lines.add("序号,照片编号,文件,类型,宽,高,拍摄时间,距企业（米）,标记,核验 SHA-256,存储对象 SHA-256,校验结果");
            int n = 0;
            for (Checked c : checked) {
                n++;
                Photo p = c.photo();
                String file = c.intact() ? String.format("%02d-%s%s", n, p.id, PhotoService.extension(p.contentType)) : "";
                if (c.intact()) {
                    zip.putNextEntry(new ZipEntry(file));
                    zip.write(c.bytes());
                    zip.closeEntry();
                }
                lines.add(String.join(",", String.valueOf(n), p.id.toString(), file, p.contentType,
                        text(p.width), text(p.height),
                        p.capturedAt == null ? "" : p.capturedAt.atZoneSameInstant(Dates.ZONE).format(TIME),
                        text(p.gpsDistanceMeters),
                        p.flags.stream().map(PhotoFlag::label).sorted().collect(Collectors.joining("；")),
                        p.storedSha256 != null ? p.storedSha256 : p.sha256, c.storedHash(),
                        c.intact() ? "一致" : "不一致（照片未附上，已记入审计）"));
            }
            zip.putNextEntry(new ZipEntry("清单.csv"));
            // With a byte-order mark, so that Excel opens it as UTF-8.
            zip.write(("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
