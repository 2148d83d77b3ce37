package cn.zoufang.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON bodies are read as the contract types them, never coerced: {@code 123} is not a string, {@code "true"}
 * not a boolean, {@code 0.5} not an integer, a number not a date, and an enum is its name. Text may not hold
 * U+0000 (PostgreSQL refuses it, and the write would fail for good in a phone's offline queue) or half of a
 * surrogate pair; dates must be calendar dates between 2000 and 2099. Each refusal names its field (400
 * {@code VALIDATION_FAILED}, see {@link ProblemMapper}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.setDefaultLeniency(false);
        // "" is not an enum constant, a number or a date: refused rather than read as null.
        for (LogicalType type : new LogicalType[] { LogicalType.Enum, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.DateTime, LogicalType.POJO }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        SimpleModule module = new SimpleModule("zoufang-strict-json");
        module.addDeserializer(String.class, new Text());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (Temporal.class.isAssignableFrom(type)) {
                    return new DateOnlyFromText(deserializer);
                }
                return type == java.util.UUID.class ? new ExactText(deserializer) : deserializer;
            }

            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, com.fasterxml.jackson.databind.JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactText(deserializer);
            }
        });
        mapper.registerModule(module);
    }

    /** A refusal with the Chinese message the field error shows. */
    public static final class Refused extends MismatchedInputException {
        private final transient FieldCode code;

        Refused(JsonParser p, String message, Class<?> target, FieldCode code) {
            super(p, message, target);
            this.code = code;
        }

        public FieldCode code() {
            return code;
        }
    }

    /** Strings only from JSON strings, without NUL or broken surrogate pairs. */
    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(p, "应为文本", String.class, FieldCode.FORMAT);
            }
            String text = p.getText();
            if (!TextRules.isStorable(text)) {
                throw new Refused(p, "文本包含无效字符（如 U+0000）", String.class, FieldCode.FORMAT);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /**
     * Ids, enum names and dates exactly as written: Jackson trims what it parses from text, which would take
     * {@code "REGULAR\u0000"} or {@code " 2026-11-28"} for a valid value.
     */
    static class ExactText extends DelegatingDeserializer {
        ExactText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ExactText(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (!text.isEmpty() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ')) {
                    throw new Refused(p, "取值不能带首尾空白或控制字符（如 U+0000）", handledType(), FieldCode.FORMAT);
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** Dates and times only from ISO text, within 2000–2099. */
    static final class DateOnlyFromText extends ExactText {
        DateOnlyFromText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new DateOnlyFromText(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Class<?> target = handledType();
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(p, "日期时间应为 ISO 8601 文本，如 2026-11-28 或 2026-11-28T09:30:00+08:00", target,
                        FieldCode.FORMAT);
            }
            Object value = super.deserialize(p, ctxt);
            LocalDate day = value instanceof LocalDate d ? d
                    : value instanceof OffsetDateTime t ? t.toLocalDate()
                    : value instanceof java.time.Instant i ? LocalDate.ofInstant(i, java.time.ZoneOffset.UTC) : null;
            if (day != null && (day.isBefore(EARLIEST) || day.isAfter(LATEST))) {
                throw new Refused(p, "日期应在 2000 年到 2099 年之间", target, FieldCode.RANGE);
            }
            return value;
        }
    }
}
