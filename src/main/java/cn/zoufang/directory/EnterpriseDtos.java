package cn.zoufang.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.zoufang.kernel.CoordinateSystem;

/** Bodies of {@code /api/v1/enterprises}. Enum fields carry codes, each with a Chinese label beside it. */
public final class EnterpriseDtos {

    private EnterpriseDtos() {
    }

    /** Mobile (1xxxxxxxxxx) or landline with area code (0791-8xxxxxxx). */
    public static final String PHONE_PATTERN = "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$";

    /**
     * A new enterprise, or the full new state of one (PUT). The position is in {@code coordinateSystem}
     * (WGS-84 when absent): a point copied from 高德 or 腾讯 maps is GCJ-02, from 百度 maps BD-09.
     */
    public record EnterpriseInput(
            @NotBlank(message = "请填写企业名称") @Size(max = 200, message = "企业名称不能超过 200 字") String name,
            @NotBlank(message = "请填写统一社会信用代码") @CreditCode String creditCode,
            @NotNull(message = "请填写四上类别（可为空列表）") Set<@NotNull ScaleCategory> scaleCategories,
            IndustryChain industryChain,
            @NotBlank(message = "请填写所在镇处") @Size(max = 60, message = "镇处名称不能超过 60 字") String town,
            @NotBlank(message = "请填写地址") @Size(max = 300, message = "地址不能超过 300 字") String address,
            @DecimalMin(value = "-90", message = "纬度应在 -90 到 90 之间")
            @DecimalMax(value = "90", message = "纬度应在 -90 到 90 之间") Double latitude,
            @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
            @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间") Double longitude,
            CoordinateSystem coordinateSystem,
            @NotBlank(message = "请填写联系人") @Size(max = 60, message = "联系人不能超过 60 字") String contactName,
            @NotBlank(message = "请填写联系电话")
            @Pattern(regexp = PHONE_PATTERN, message = "联系电话应为手机号或带区号的固定电话") String contactPhone,
            @Pattern(regexp = MOBILE_PATTERN, message = "联系人手机应为 11 位大陆手机号") String contactMobile) {
    }

    /** A mainland mobile number: what an SMS code reaches. */
    public static final String MOBILE_PATTERN = "^1[3-9]\\d{9}$";

    /** An enterprise's person in the app: their account, activated or still waiting for them. */
    public record ContactAccount(UUID id, String displayName, String phone, boolean active, boolean activated,
            java.time.OffsetDateTime disabledAt) {
    }

    public record NewContact(
            @NotBlank(message = "请填写联系人姓名") @Size(max = 60, message = "姓名不能超过 60 字") String displayName,
            @NotBlank(message = "请填写联系人手机")
            @Pattern(regexp = MOBILE_PATTERN, message = "联系人手机应为 11 位大陆手机号") String phone) {
    }

    /** The office's correction of a position alone (e.g. the check-ins show the registered point is wrong). */
    public record LocationCorrection(
            @NotNull(message = "请填写纬度")
            @DecimalMin(value = "-90", message = "纬度应在 -90 到 90 之间")
            @DecimalMax(value = "90", message = "纬度应在 -90 到 90 之间") Double latitude,
            @NotNull(message = "请填写经度")
            @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
            @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间") Double longitude,
            CoordinateSystem coordinateSystem,
            @NotBlank(message = "请说明更正原因") @Size(max = 200, message = "更正原因不能超过 200 字") String reason) {
    }

    public record GroupRef(UUID id, String name) {
    }

    /** The contact in full ({@code GET /enterprises/{id}/contact}). */
    public record Contact(String contactName, String contactPhone) {
    }

    public record EnterpriseView(UUID id, String name, String creditCode, List<ScaleCategory> scaleCategories,
            List<String> scaleCategoryLabels, IndustryChain industryChain, String industryChainLabel, String town,
            String address, Double latitude, Double longitude, CoordinateSystem locationSystem,
            String locationSystemLabel, String contactName, String contactPhone,
            GroupRef currentGroup, ServiceTier serviceTier, String serviceTierLabel, PersonRef serviceOfficer,
            List<String> tags, long version) {
    }

    /** The enterprise's tags as a whole (free text, 1–30 characters each, at most 20). */
    public record Tags(@NotNull(message = "请填写标签（可为空列表）") @Size(max = 20, message = "一家企业最多 20 个标签")
            List<@NotNull String> tags) {
    }

    public record TagPlanInput(
            @NotBlank(message = "请填写标签") @Size(max = 30, message = "标签不能超过 30 字") String tag,
            @NotNull(message = "请填写计划数")
            @jakarta.validation.constraints.Min(value = 0, message = "计划数不能为负")
            @jakarta.validation.constraints.Max(value = 100000, message = "计划数过大") Integer target) {
    }

    public record TagPlan(@NotNull(message = "请填写计划（可为空列表）") @Size(max = 100, message = "最多 100 个标签")
            List<@jakarta.validation.Valid @NotNull TagPlanInput> targets) {
    }

    /** A tag: how many enterprises carry it now, the year's plan (null when none) and the share reached in percent. */
    public record TagCount(String tag, long enterprises, Long target, Double rate) {
    }

    public record TagYear(int year, List<TagCount> tags) {
    }

    /** A named person of the zone's staff: the enterprise's 店小二 (name only; the phone is not shared). */
    public record PersonRef(UUID id, String displayName) {
    }

    /** The office marks an enterprise's tier and names its 店小二 (a key enterprise must have one). */
    public record ServiceAssignment(
            @NotNull(message = "请选择服务层级") ServiceTier tier,
            UUID serviceOfficerId,
            @Size(max = 200, message = "说明不能超过 200 字") String reason) {
    }

    /** A tier as the office sees it, with how many enterprises are in it. */
    public record TierRuleView(ServiceTier code, String label, int cadenceDays, boolean urgentByDefault,
            long enterprises, long version) {
    }

    public record TierRuleInput(
            @NotNull(message = "请填写走访周期（天）")
            @jakarta.validation.constraints.Min(value = 7, message = "走访周期 7 到 366 天")
            @jakarta.validation.constraints.Max(value = 366, message = "走访周期 7 到 366 天") Integer cadenceDays,
            @NotNull(message = "请选择诉求是否默认加急") Boolean urgentByDefault) {
    }

    /** {@code contacts}: unactivated contact accounts made from the 联系人手机 column. */
    public record ImportResult(int imported, int contacts) {
    }
}
