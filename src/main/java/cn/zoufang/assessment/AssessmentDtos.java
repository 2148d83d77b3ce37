package cn.zoufang.assessment;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the assessment endpoints take and answer. */
public final class AssessmentDtos {

    private AssessmentDtos() {
    }

    /**
     * One indicator of a scheme: a metric of the dictionary, its weight, and how it is scored. {@code target}
     * is RATE's (1 when absent: a rate of 100%); {@code perUnit} is DEDUCT's points off per unit.
     */
    public record Indicator(
            @NotBlank(message = "请选择指标") @Size(max = 40, message = "指标不存在") String metric,
            @NotNull(message = "请填写权重")
            @DecimalMin(value = "0.5", message = "权重应在 0.5 到 100 之间")
            @DecimalMax(value = "100", message = "权重应在 0.5 到 100 之间") Double weight,
            @NotNull(message = "请选择计分方法") ScoringRule rule,
            @DecimalMin(value = "0", inclusive = false, message = "目标值应大于 0") Double target,
            @DecimalMin(value = "0", inclusive = false, message = "每件扣分应大于 0") Double perUnit) {
    }

    public record SchemeInput(
            @NotBlank(message = "请填写方案名称") @Size(max = 100, message = "方案名称不能超过 100 字") String title,
            @NotNull(message = "请填写小组的考核指标") @Size(min = 1, max = 20, message = "小组的考核指标应有 1 到 20 项")
            List<@Valid @NotNull(message = "指标不能为空") Indicator> groups,
            @NotNull(message = "请填写责任单位的考核指标") @Size(min = 1, max = 20, message = "责任单位的考核指标应有 1 到 20 项")
            List<@Valid @NotNull(message = "指标不能为空") Indicator> departments,
            @Size(max = 20, message = "走访干部的考核指标最多 20 项")
            List<@Valid @NotNull(message = "指标不能为空") Indicator> officials) {

        /** Officials are scored only when the scheme lists indicators for them. */
        public SchemeInput {
            officials = officials == null ? List.of() : officials;
        }
    }

    /** An indicator as the scheme shows it: with the metric's name and the rule's words. */
    public record IndicatorView(String metric, String metricName, double weight, ScoringRule rule, String ruleLabel,
            Double target, Double perUnit) {
    }

    public record Scheme(int year, int version, String title, List<IndicatorView> groups, List<IndicatorView> departments,
            List<IndicatorView> officials, OffsetDateTime createdAt) {
    }

    /** One indicator's value and points for one unit; both null when the unit had nothing to measure. */
    public record Score(String metric, Double value, Double points) {
    }

    /**
     * A group's, department's or official's total (out of 100, over the indicators it could be scored on) and
     * rank; an official's {@code groups} are those they are a member of.
     */
    public record Standing(String key, String name, @JsonInclude(JsonInclude.Include.NON_NULL) String groups,
            Integer rank, Double total, List<Score> scores) {
    }

    /**
     * A period's assessment: a draft computed now from the period's figures, or the published one exactly as
     * it was published.
     */
    public enum Status {
        DRAFT("草稿（按当前数据计算，发布前可能变化）"),
        PUBLISHED("已发布");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Assessment(String period, String label, Status status, String statusLabel, int schemeYear,
            int schemeVersion, String schemeTitle, int dictionaryVersion, OffsetDateTime asOf, boolean complete,
            OffsetDateTime publishedAt, List<IndicatorView> groupIndicators, List<IndicatorView> departmentIndicators,
            List<IndicatorView> officialIndicators, List<Standing> groups, List<Standing> departments,
            List<Standing> officials) {

        /** An assessment published before officials were scored has none. */
        public Assessment {
            officialIndicators = officialIndicators == null ? List.of() : officialIndicators;
            officials = officials == null ? List.of() : officials;
        }
    }
}
