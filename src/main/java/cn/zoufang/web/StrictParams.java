package cn.zoufang.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and header parameters are read as strictly as bodies: {@code limit=abc} or {@code mine=yes} is a 400
 * naming the parameter (JAX-RS would answer a bare 404 for a query parameter it cannot convert), and no
 * parameter may carry U+0000 or half a surrogate pair (PostgreSQL would refuse the filter with a 500).
 * Query parameters are declared with boxed types ({@code Integer}, {@code Boolean}): for a missing primitive
 * the REST layer converts a default of its own ("0"), which is not what a client sent.
 */
@Provider
public class StrictParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(name, raw -> {
                if (!raw.matches("-?\\d{1,9}")) {
                    throw refuse(name, "应为整数");
                }
                return Integer.valueOf(raw);
            }, null);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(name, raw -> {
                if (!raw.matches("-?\\d{1,18}")) {
                    throw refuse(name, "应为整数");
                }
                return Long.valueOf(raw);
            }, null);
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) new Converter<>(name, raw -> switch (raw) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw refuse(name, "应为 true 或 false");
            }, null);
        }
        return null;
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseUnstorableText(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> param : request.getUriInfo().getQueryParameters().entrySet()) {
            if (!TextRules.isStorable(param.getKey())) {
                throw ApiException.invalidField("?", FieldCode.FORMAT, "查询参数名包含无效字符");
            }
            for (String value : param.getValue()) {
                if (!TextRules.isStorable(value)) {
                    throw ApiException.invalidField(param.getKey(), FieldCode.FORMAT, "参数包含无效字符（如 U+0000）");
                }
            }
        }
    }

    private static String nameOf(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    /** Carried through JAX-RS's conversion as a 400 (a plain exception would become a 404); mapped by its cause. */
    private static BadRequestException refuse(String name, String message) {
        return new BadRequestException(Response.status(400).build(),
                ApiException.invalidField(name, FieldCode.FORMAT, "参数 " + name + " " + message));
    }

    /** {@code empty}: what an empty value reads as. */
    private record Converter<T>(String name, java.util.function.Function<String, T> parse, T empty)
            implements ParamConverter<T> {
        @Override
        public T fromString(String value) {
            String raw = value == null ? "" : value.trim();
            return raw.isEmpty() ? empty : parse.apply(raw);
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
