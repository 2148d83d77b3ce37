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

    public record Metric(String key, String name, String unit, List<Dimension> dimensions, String definition) {
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

    public int version() {
        return dictionary.version();
    }
}
