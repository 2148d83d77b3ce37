package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.kernel.JsonResources;

/**
 * What each enterprise indicator means (口径), versioned like the metric dictionary: every value records the
 * version it was entered under. The file is {@code api-spec/indicator-dictionary.json}.
 */
@Singleton
public class IndicatorDictionary {

    /** SUM: added up over enterprises (chains, towns, groups, the zone); RATIO: never added. */
    public enum Aggregation {
        SUM, RATIO
    }

    public record Indicator(String key, String name, String unit, Aggregation aggregation, BigDecimal min, BigDecimal max,
            String definition) {

        /** Why a value cannot be this indicator's, in words; null when it can. One rule for the API and the sheets. */
        public String outOfRange(BigDecimal value) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return name + "应在 " + min.toPlainString() + " 到 " + max.toPlainString() + " " + unit + " 之间";
            }
            return null;
        }
    }

    public record Dictionary(int version, String title, List<String> general, List<Indicator> indicators) {
    }

    private final Dictionary dictionary;

    public IndicatorDictionary(ObjectMapper json) {
        this.dictionary = JsonResources.read(json, "/indicator/indicator-dictionary.json", Dictionary.class);
    }

    public Dictionary get() {
        return dictionary;
    }

    public int version() {
        return dictionary.version();
    }

    public List<Indicator> indicators() {
        return dictionary.indicators();
    }

    public Optional<Indicator> byKey(String key) {
        return dictionary.indicators().stream().filter(i -> i.key().equals(key)).findFirst();
    }

    /** A spreadsheet's column: the indicator's name, with or without its unit in brackets (主营业务收入（万元）). */
    public Optional<Indicator> byHeader(String header) {
        String name = header.replaceAll("[（(].*[)）]\\s*$", "").trim();
        return dictionary.indicators().stream().filter(i -> i.name().equals(name) || i.key().equals(name)).findFirst();
    }
}
