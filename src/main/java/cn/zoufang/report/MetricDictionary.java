package cn.zoufang.report;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.kernel.JsonResources;

/**
 * The written definition of every figure (口径), versioned: a submitted report keeps the version its
 * figures were computed with. The file is {@code api-spec/metric-dictionary.json}.
 */
@Singleton
public class MetricDictionary {

    public record Metric(String key, String name, String unit, List<Dimension> dimensions, RollUp rollUp,
            String definition) {
    }

    /** How a metric over a quarter, half-year or year relates to its months' (the dictionary's general text says more). */
    public enum RollUp {
        SUM("各月之和"),
        RECOUNT("统计期内重新计数"),
        END("取统计期末的值"),
        RATIO("由统计期的分子分母重新计算"),
        MEAN("统计期内全部评分的平均"),
        MEDIAN("统计期内全部记录的中位数");

        private final String label;

        RollUp(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Dictionary(int version, String title, List<String> general, List<Metric> metrics) {
    }

    private final Dictionary dictionary;

    public MetricDictionary(ObjectMapper json) {
        this.dictionary = JsonResources.read(json, "/report/metric-dictionary.json", Dictionary.class);
    }

    public Dictionary get() {
        return dictionary;
    }

    /** A metric by its key. */
    public java.util.Optional<Metric> metric(String key) {
        return dictionary.metrics().stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** A metric's name, or its key when the dictionary has no such metric (one of an older version). */
    public String name(String key) {
        return metric(key).map(Metric::name).orElse(key);
    }

    public int version() {
        return dictionary.version();
    }
}
