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

import cn.zoufang.testsupport.LocalServices;

/**
 * The back office calls only operations of {@code api-spec/openapi.yaml}, and loads nothing from another
 * origin: read from its sources, every address it builds ({@code '/api/v1/…' + id + '/…'}) must be a path of
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
}
