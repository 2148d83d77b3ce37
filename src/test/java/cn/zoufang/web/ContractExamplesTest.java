package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.LocalServices;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Sends every worked example of mobile-contract/*.md (an {@code http} block followed by a
 * {@code json <status>} block) to the service, in order, and checks the answer against the one shown.
 */
@QuarkusTest
class ContractExamplesTest extends ApiTest {

    private static final Pattern BLOCK = Pattern.compile("```http\\n(.*?)\\n```\\s*\\n```json (\\d{3})\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([a-z][a-zA-Z0-9]*)(?::([^}]+))?}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> names = new HashMap<>();

    private String substitute(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String arg = m.group(2);
            String value = switch (kind) {
                case "token" -> token(arg);
                case "new" -> {
                    String id = UUID.randomUUID().toString();
                    names.put(arg, id);
                    yield id;
                }
                case "enterprise" -> Visits.enterpriseId(arg);
                case "today" -> TestClock.today().toString();
                case "now" -> TestClock.now().toString();
                default -> {
                    String bound = names.get(kind);
                    if (bound == null) {
                        throw new AssertionError("unknown placeholder {{" + kind + "}}");
                    }
                    yield bound;
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void everyWorkedExampleHolds() throws Exception {
        List<Path> docs = new ArrayList<>();
        try (var files = Files.list(LocalServices.projectDir().resolve("mobile-contract"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        int checked = 0;
        for (Path doc : docs) {
            names.clear();
            Matcher m = BLOCK.matcher(Files.readString(doc));
            while (m.find()) {
                check(doc.getFileName() + " example " + (checked + 1), m.group(1), Integer.parseInt(m.group(2)), m.group(3));
                checked++;
            }
        }
        assertTrue(checked >= 10, "examples found: " + checked);
    }

    private void check(String where, String request, int status, String expected) throws Exception {
        String[] parts = substitute(request).split("\\n\\n", 2);
        String[] lines = parts[0].split("\\n");
        String[] start = lines[0].split(" ", 2);
        var spec = invalid();
        for (int i = 1; i < lines.length; i++) {
            String[] header = lines[i].split(":\\s*", 2);
            spec = spec.header(header[0], header[1]);
        }
        if (parts.length > 1 && !parts[1].isBlank()) {
            spec = spec.body(parts[1]);
        }
        Response response = spec.request(start[0], start[1]);
        assertEquals(status, response.statusCode(), where + ": " + response.asString());
        JsonNode want = JSON.readTree(substitute(expected));
        JsonNode got = JSON.readTree(response.asString());
        matches(where, "$", want, got);
    }

    /** Every field shown is in the answer with the value shown ("…" for any value); lists: each shown item is among the real ones. */
    private static void matches(String where, String path, JsonNode want, JsonNode got) {
        if (want.isTextual() && want.asText().equals("…")) {
            if (got == null || got.isMissingNode()) {
                fail(where + ": " + path + " missing");
            }
            return;
        }
        if (want.isObject()) {
            if (got == null || !got.isObject()) {
                fail(where + ": " + path + " should be an object, was " + got);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                matches(where, path + "." + field.getKey(), field.getValue(), got.get(field.getKey()));
            }
            return;
        }
        if (want.isArray()) {
            if (got == null || !got.isArray()) {
                fail(where + ": " + path + " should be a list, was " + got);
            }
            if (want.isEmpty()) {
                assertEquals(0, got.size(), where + ": " + path + " should be empty");
            }
            for (JsonNode item : want) {
                boolean found = false;
                for (JsonNode candidate : got) {
                    try {
                        matches(where, path + "[]", item, candidate);
                        found = true;
                        break;
                    } catch (AssertionError notThisOne) {
                        // try the next
                    }
                }
                if (!found) {
                    fail(where + ": " + path + " has no item like " + item + " in " + got);
                }
            }
            return;
        }
        if (got == null || !(want.isNumber() && got.isNumber() ? want.decimalValue().compareTo(got.decimalValue()) == 0
                : want.equals(got))) {
            fail(where + ": " + path + " should be " + want + ", was " + got);
        }
    }
}
