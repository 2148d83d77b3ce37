package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import cn.zoufang.directory.IndustryChain;

/** Bodies of the indicator endpoints. */
public final class IndicatorDtos {

    private IndicatorDtos() {
    }

    /** A month's values by indicator key; an indicator left out is left as it is. */
    public record MonthValues(
            @NotEmpty(message = "请至少填写一项指标") @Size(max = 20, message = "指标太多") Map<String, BigDecimal> values,
            @Size(max = 200, message = "说明不能超过 200 个字") String note) {
    }

    /** A value the current one replaced, newest first. Who entered a value is kept, not shown. */
    public record EarlierValue(BigDecimal value, IndicatorSource source, String sourceLabel, OffsetDateTime recordedAt,
            OffsetDateTime supersededAt) {
    }

    public record MonthValue(String period, BigDecimal value, IndicatorSource source, String sourceLabel,
            OffsetDateTime recordedAt, String note, int dictionaryVersion, List<EarlierValue> earlier) {
    }

    public record Series(String indicator, String name, String unit, List<MonthValue> months) {
    }

    public record EnterpriseIndicators(UUID enterpriseId, String from, String to, int dictionaryVersion,
            List<Series> series) {
    }

    /** A statistics sheet imported: its rows, and what each value did to the current one. */
    public record ImportResult(int rows, int recorded, int corrected, int unchanged) {
    }

    /** One row of a statistics sheet as read: its spreadsheet row, enterprise, month and values by key. */
    public record SheetRow(int row, String creditCode, java.time.YearMonth period, Map<String, BigDecimal> values) {
    }

    public record TargetInput(@NotBlank(message = "请指定指标") String indicator, IndustryChain chain,
            @NotNull(message = "请填写目标值") @PositiveOrZero(message = "目标值不能为负") BigDecimal value) {
    }

    /** A year's targets, all of them: what is not listed is no longer a target. */
    public record YearTargets(@NotNull(message = "请列出目标") @Size(max = 100, message = "目标太多") List<@Valid @NotNull TargetInput> targets) {
    }

    /** A month's actual (the sum of the current values of the enterprises concerned) and the year's sum up to it. */
    public record MonthActual(String month, BigDecimal actual, BigDecimal cumulative) {
    }

    /** A target against what the enterprises have reported this year; {@code rate}: actual / target. */
    public record TargetProgress(String indicator, String name, String unit, IndustryChain chain, String chainLabel,
            BigDecimal target, BigDecimal actual, Double rate, List<MonthActual> months) {
    }

    public record YearProgress(int year, int dictionaryVersion, List<TargetProgress> targets) {
    }

    public enum Dimension {
        CHAIN, TOWN, GROUP
    }

    /** One row of actuals: a chain, town or group (key null: none), its twelve months (null: nothing reported), its year. */
    public record ActualRow(String key, String label, List<BigDecimal> months, BigDecimal total) {
    }

    public record Actuals(int year, String indicator, String name, String unit, Dimension dimension, List<ActualRow> rows) {
    }
}
