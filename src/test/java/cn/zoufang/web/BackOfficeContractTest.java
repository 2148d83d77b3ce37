package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.zoufang.ledger.IssueWorkflow;
import cn.zoufang.testsupport.LocalServices;

/**
 * The back office calls only operations of {@code api-spec/openapi.yaml}, asks in each step's form for that
 * step's request body, and loads nothing from another origin: read from its sources, every address it builds ({@code '/api/v1/…' + id + '/…'}) must be a path of
 * the spec, and no source names an http(s) address.
 */
class BackOfficeContractTest {

    private static final Path ROOT = LocalServices.projectDir();
    /** A literal '/api/v1/…' and what is concatenated to it: further literals and expressions. */
    private static final Pattern CALL = Pattern.compile("'(/api/v1[^']*)'((?:\\s*\\+\\s*(?:'[^']*'|[\\w.()]+))*)");
    private static final Pattern PART = Pattern.compile("'([^']*)'|[\\w.()]+");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("webapp/src"))) {
            return files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".vue")).toList();
        }
    }

    /** The paths the pages call, an expression standing as one segment "{}". */
    private static Set<String> called() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Path file : sources()) {
            Matcher m = CALL.matcher(Files.readString(file));
            while (m.find()) {
                StringBuilder path = new StringBuilder(m.group(1));
                Matcher part = PART.matcher(m.group(2));
                // After a query string's start, what is added is the query, not the path.
                while (!path.toString().contains("?") && part.find()) {
                    path.append(part.group(1) != null ? part.group(1) : "{}");
                }
                paths.add(path.toString().replaceAll("\\?.*", ""));
            }
        }
        return paths;
    }

    private static boolean matches(String called, String spec) {
        String[] a = called.split("/");
        String[] b = spec.split("/");
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            if (!a[k].equals(b[k]) && !a[k].equals("{}") && !b[k].startsWith("{")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyAddressThePagesCallIsAnOperationOfTheSpec() throws Exception {
        String spec = Files.readString(ROOT.resolve("api-spec/openapi.yaml"));
        List<String> specPaths = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  (/api/v1/\\S+):$").matcher(spec);
        while (m.find()) {
            specPaths.add(m.group(1));
        }
        Set<String> called = called();
        assertTrue(called.size() >= 10, "the scan found too few calls to be reading the pages: " + called);
        List<String> unknown = called.stream().filter(c -> specPaths.stream().noneMatch(s -> matches(c, s))).toList();
        assertTrue(unknown.isEmpty(), "not in api-spec/openapi.yaml: " + unknown);
    }

    @Test
    void nothingIsLoadedFromAnotherOrigin() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            if (Pattern.compile("https?://").matcher(Files.readString(file)).find()) {
                found.add(file.toString());
            }
        }
        found.addAll(Pattern.compile("https?://").matcher(Files.readString(ROOT.resolve("webapp/index.html"))).find()
                ? List.of("webapp/index.html") : List.of());
        assertTrue(found.isEmpty(), "addresses of other origins in " + found);
    }

    /**
     * The issue page's step forms (webapp/src/stepForms.js) ask for exactly the fields of each step's request body
     * in the spec, and for every field the body requires: a form may not send what the API refuses, nor leave
     * out what it needs. Photos are not a body field (they go first, to the photo endpoints).
     */
    @Test
    void everyStepFormAsksForItsEndpointsBody() throws Exception {
        String forms = Files.readString(ROOT.resolve("webapp/src/stepForms.js"));
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("api-spec/openapi.yaml").toFile());
        Matcher entry = Pattern.compile("(?m)^  ([A-Z_]+): (NOTE|\\[)").matcher(forms);
        List<Integer> starts = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        while (entry.find()) {
            starts.add(entry.start());
            actions.add(entry.group(1));
        }
        List<String> wrong = new ArrayList<>();
        for (IssueWorkflow.Rule rule : IssueWorkflow.rules()) {
            int k = actions.indexOf(rule.action().name());
            Set<String> asked = new TreeSet<>(Set.of("note"));
            if (k >= 0 && !forms.startsWith("NOTE", forms.indexOf(": ", starts.get(k)) + 2)) {
                String text = forms.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : forms.length());
                asked = new TreeSet<>();
                Matcher name = Pattern.compile("name: '(\\w+)'").matcher(text);
                while (name.find()) {
                    asked.add(name.group(1));
                }
                asked.remove("photos");
            }
            JsonNode body = schemaOf(spec, spec.path("paths").path("/api/v1/issues/{id}/" + rule.path()).path("post")
                    .path("requestBody").path("content").path("application/json").path("schema"));
            Set<String> properties = new TreeSet<>();
            body.path("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new TreeSet<>();
            body.path("required").forEach(r -> required.add(r.asText()));
            if (!properties.equals(asked) || !asked.containsAll(required)) {
                wrong.add(rule.action() + ": the form asks " + asked + ", the body has " + properties + " (required " + required + ")");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static JsonNode schemaOf(JsonNode spec, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : spec.at(ref.substring(1));
    }
}
