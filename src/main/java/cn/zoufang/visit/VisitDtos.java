package cn.zoufang.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import cn.zoufang.kernel.CoordinateSystem;

/** Bodies of {@code /api/v1/visits}. */
public final class VisitDtos {

    private VisitDtos() {
    }

    /** A planned visit, or one recorded on the spot (plan for today, then check in). */
    public record NewVisit(
            @NotNull(message = "请由手机生成走访 id（UUID）") UUID id,
            @NotNull(message = "请选择企业") UUID enterpriseId,
            @NotNull(message = "请选择走访类型") VisitKind kind,
            @NotNull(message = "请填写走访日期") LocalDate plannedDate,
            @Size(max = 500, message = "走访目的不能超过 500 字") String purpose,
            @Size(max = 20, message = "参与人最多 20 名") List<@NotNull UUID> participantIds,
            @Size(max = 20, message = "一次回访最多关联 20 条诉求") List<@NotNull UUID> issueIds) {
    }

    /**
     * The phone's position at check-in; no position at all is allowed (and proves nothing). The position
     * is in {@code coordinateSystem} (WGS-84 when absent): Amap and Tencent SDKs give GCJ-02, Baidu's BD-09.
     */
    public record CheckIn(
            @DecimalMin(value = "-90", message = "纬度应在 -90 到 90 之间")
            @DecimalMax(value = "90", message = "纬度应在 -90 到 90 之间") Double latitude,
            @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
            @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间") Double longitude,
            CoordinateSystem coordinateSystem,
            @PositiveOrZero(message = "定位精度不能为负数") Double accuracyMeters,
            @NotNull(message = "请带上手机时间") OffsetDateTime deviceTime,
            @NotNull(message = "请说明定位来源") LocationSource source,
            @Size(max = 500, message = "原因不能超过 500 字") String outOfRangeReason) {
    }

    public record CheckOut(@NotNull(message = "请带上手机时间") OffsetDateTime deviceTime) {
    }

    /** The enterprise's rating of a completed visit. */
    public record NewVisitRating(
            @NotNull(message = "请选择 1 到 5 分") @Min(value = 1, message = "评分为 1 到 5 分")
            @Max(value = 5, message = "评分为 1 到 5 分") Integer score,
            @Size(max = 500, message = "评价内容不能超过 500 字") String comment) {
    }

    public record VisitRatingView(UUID visitId, int score, String comment, OffsetDateTime ratedAt) {
    }

    /** A rating in the office's list: which visit, to whom, by which group. */
    public record RatedVisit(UUID visitId, UUID enterpriseId, String enterpriseName, UUID groupId, String groupName,
            LocalDate visitDate, int score, String comment, OffsetDateTime ratedAt) {
    }

    /** The enterprise's visit code as the official's phone scanned it, and when (the phone's clock). */
    public record EnterpriseConfirmation(
            @NotBlank(message = "请扫描企业的走访确认码") @Size(max = 2000, message = "确认码过长") String code,
            @NotNull(message = "请带上扫码时间") OffsetDateTime scannedAt) {
    }

    public record Completion(
            @NotBlank(message = "请填写走访情况") @Size(max = 5000, message = "走访情况不能超过 5000 字") String findings,
            @Size(max = 5000, message = "企业经营情况不能超过 5000 字") String situation,
            @Size(max = 5000, message = "企业诉求不能超过 5000 字") String needs,
            @Size(max = 500, message = "原因不能超过 500 字") String outOfRangeReason) {
    }

    public record Cancellation(
            @NotBlank(message = "请填写取消原因") @Size(max = 500, message = "原因不能超过 500 字") String reason) {
    }

    public record Person(UUID id, String displayName) {
    }

    /** A ledger issue a follow-up visit checks on. */
    public record LinkedIssue(UUID id, String ledgerNo, String title, String status) {
    }

    /** {@code latitude}/{@code longitude} in WGS-84, converted from {@code coordinateSystem}, what the phone sent. */
    public record CheckInView(OffsetDateTime at, OffsetDateTime deviceTime, Double latitude, Double longitude,
            CoordinateSystem coordinateSystem, String coordinateSystemLabel, Double accuracyMeters, LocationSource source, String sourceLabel, Double distanceMeters,
            CheckInVerdict verdict, String verdictLabel, String outOfRangeReason) {
    }

    /** What only the group (and the office) sees: notes, people and positions. */
    public record VisitDetail(String purpose, Person createdBy, List<Person> participants, List<LinkedIssue> issues,
            CheckInView checkIn, OffsetDateTime checkOutAt, Integer minutesOnSite, String findings, String situation,
            String needs, String cancelReason) {
    }

    /** A visit; {@code detail} and the verdict are null for the enterprise, which sees only that it happened. */
    public record VisitView(UUID id, UUID enterpriseId, String enterpriseName, UUID groupId, String groupName,
            VisitKind kind, String kindLabel, VisitStatus status, String statusLabel, LocalDate plannedDate,
            CheckInVerdict checkInVerdict, String checkInVerdictLabel, boolean confirmedByEnterprise,
            OffsetDateTime enterpriseConfirmedAt, OffsetDateTime completedAt, long version, VisitDetail detail) {
    }

    /**
     * An enterprise due a visit: {@code completedVisits} this month, its tier and cadence, the day of the group's
     * last completed visit and the day the next was due (both null when the group has never visited it).
     */
    public record GapEnterprise(UUID id, String name, String town, long completedVisits,
            cn.zoufang.directory.ServiceTier serviceTier, String serviceTierLabel, int cadenceDays,
            LocalDate lastVisitedOn, LocalDate dueOn) {
    }

    /** Assigned enterprises of a group due a visit, judged on {@code asOf} (the month's last day, or today). */
    public record VisitGaps(UUID groupId, String month, LocalDate asOf, List<GapEnterprise> enterprises) {
    }
}
