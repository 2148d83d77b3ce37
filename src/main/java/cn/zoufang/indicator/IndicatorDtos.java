package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

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
}
