package cn.zoufang.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;

/**
 * Stores a set of enum constants in one text column as {@code ,A,B,} so that
 * {@code column like '%,A,%'} filters by one member without an extra table.
 */
public abstract class EnumSetConverter<E extends Enum<E>> implements AttributeConverter<Set<E>, String> {

    private final Class<E> type;

    protected EnumSetConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(Set<E> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return values.stream().sorted().map(Enum::name).collect(Collectors.joining(",", ",", ","));
    }

    @Override
    public Set<E> convertToEntityAttribute(String column) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (column != null) {
            Arrays.stream(column.split(",")).filter(s -> !s.isBlank()).map(s -> Enum.valueOf(type, s)).forEach(set::add);
        }
        return set;
    }

    /** The LIKE pattern that matches rows whose set contains {@code value}. */
    public static String containsPattern(Enum<?> value) {
        return "%," + value.name() + ",%";
    }
}
