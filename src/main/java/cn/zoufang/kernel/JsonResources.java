package cn.zoufang.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON file the build puts on the classpath (the dictionaries of api-spec/), read once at start. */
public final class JsonResources {

    private JsonResources() {
    }

    public static <T> T read(ObjectMapper json, String path, Class<T> type) {
        try (InputStream in = JsonResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
