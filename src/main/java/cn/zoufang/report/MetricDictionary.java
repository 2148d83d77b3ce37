package cn.zoufang.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

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
        try (InputStream in = MetricDictionary.class.getResourceAsStream("/report/metric-dictionary.json")) {
            if (in == null) {
                throw new IllegalStateException("report/metric-dictionary.json is missing from the classpath");
            }
            this.dictionary = json.readValue(in, Dictionary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Dictionary get() {
        return dictionary;
    }

    public int version() {
        return dictionary.version();
    }
}
