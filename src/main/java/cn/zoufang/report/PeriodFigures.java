package cn.zoufang.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * A period's figures ({@link Period}: a month, quarter, half-year or year) for the zone and per group,
 * department, industry chain and town. {@code complete} is false while the period runs: its figures are as
 * of {@code asOf}. Kept figures written before quarters existed name their month {@code month}.
 */
public record PeriodFigures(@JsonAlias("month") String period, int dictionaryVersion, OffsetDateTime asOf,
        boolean complete, Figures zone, List<Row> groups, List<Row> departments, List<Row> chains, List<Row> towns) {

    public record Row(String key, String name, Figures figures) {
    }

    public Optional<Row> group(String key) {
        return groups.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
