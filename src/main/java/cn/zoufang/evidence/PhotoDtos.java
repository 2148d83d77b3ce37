package cn.zoufang.evidence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Bodies of the photo endpoints. */
public final class PhotoDtos {

    private PhotoDtos() {
    }

    public record NewUpload(
            @NotNull(message = "请说明图片类型")
            @Pattern(regexp = "^image/(jpeg|png|heic)$", message = "只接受 image/jpeg、image/png、image/heic") String contentType,
            @NotNull(message = "请说明图片大小") @Positive(message = "图片大小应大于 0") Long sizeBytes) {
    }

    public record Confirmation(
            @NotNull(message = "请带上图片的 SHA-256")
            @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "SHA-256 应为 64 位十六进制") String sha256) {
    }

    public record PhotoView(UUID id, UUID visitId, UUID issueId, PhotoStatus status, String statusLabel, RejectReason rejectReason,
            String rejectReasonLabel, String contentType, Long sizeBytes, Integer width, Integer height,
            OffsetDateTime capturedAt, Double latitude,
            Double longitude, Double distanceMeters, List<PhotoFlag> flags, List<String> flagLabels,
            OffsetDateTime createdAt, OffsetDateTime confirmedAt, String downloadUrl, String thumbnailUrl,
            OffsetDateTime urlsExpireAt, long version) {
    }

    /**
     * Where and how the phone uploads the bytes: a multipart/form-data POST to {@code uploadUrl} of every
     * field in {@code fields}, then the file in a part named {@code file}, before {@code expiresAt}.
     */
    public record UploadSlot(PhotoView photo, String uploadUrl, String method, Map<String, String> fields,
            OffsetDateTime expiresAt, long maxBytes) {
    }
}
