package cn.zoufang.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A month's figures for the zone and per group, department, industry chain and town.
 * {@code complete} is false while the month runs: its figures are as of {@code asOf}.
 */
public record MonthFigures(String month, int dictionaryVersion, OffsetDateTime asOf, boolean complete, Figures zone,
        List<Row> groups, List<Row> departments, List<Row> chains, List<Row> towns) {

    public record Row(String key, String name, Figures figures) {
    }

    public Optional<Row> group(String key) {
        return groups.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
