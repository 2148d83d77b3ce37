package cn.zoufang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;

/** Renders k8s/ with `kubectl kustomize` and checks what a cluster would receive. */
class KustomizeTest {

    private static final List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void render() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", "k8s").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(out)) {
            while (it.hasNext()) {
                objects.add(it.next());
            }
        }
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    @Test
    void rendersTheServiceObjects() {
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount")) {
            assertNotNull(only(kind));
        }
    }

    @Test
    void deploymentHasProbesResourcesAndRunsAsNonRoot() {
        JsonNode pod = only("Deployment").path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = pod.path("containers").get(0);
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        for (String kind : List.of("requests", "limits")) {
            assertFalse(container.path("resources").path(kind).path("memory").asText().isEmpty(), kind);
            assertFalse(container.path("resources").path(kind).path("cpu").asText().isEmpty(), kind);
        }
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
    }

    @Test
    void secretsAreReferencedNeverCarried() {
        assertTrue(objects.stream().noneMatch(o -> "Secret".equals(o.path("kind").asText())),
                "the base must not carry Secret objects with values");
        String rendered = objects.toString();
        List<String> referenced = new ArrayList<>();
        only("Deployment").path("spec").path("template").path("spec").path("containers").get(0).path("env")
                .forEach(e -> {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        referenced.add(ref.path("name").asText());
                    }
                });
        assertTrue(referenced.containsAll(List.of("zoufang-database", "zoufang-object-store")), referenced.toString());
        assertFalse(rendered.contains("BEGIN PRIVATE KEY"));
    }
}
