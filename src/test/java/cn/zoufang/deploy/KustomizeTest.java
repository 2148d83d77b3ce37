package cn.zoufang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;

/** Renders k8s/ with kustomize (kubectl's or the standalone one) and checks what a cluster would receive. */
class KustomizeTest {

    private static final List<JsonNode> objects = new ArrayList<>();

    private static final List<JsonNode> dev = new ArrayList<>();
    private static final List<JsonNode> prod = new ArrayList<>();

    @BeforeAll
    static void render() throws Exception {
        objects.addAll(kustomize("k8s"));
        dev.addAll(kustomize("k8s/overlays/dev"));
        prod.addAll(kustomize("k8s/overlays/prod"));
    }

    static List<JsonNode> kustomize(String dir) throws Exception {
        Process p = new ProcessBuilder(renderer(dir)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<JsonNode> rendered = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(out)) {
            while (it.hasNext()) {
                rendered.add(it.next());
            }
        }
        return rendered;
    }

    /** kubectl's built-in kustomize, or the standalone one scripts/test.sh puts in .tools/ when kubectl is missing. */
    private static List<String> renderer(String dir) {
        Path standalone = Path.of(".tools/kustomize");
        if (Files.isExecutable(standalone)) {
            return List.of(standalone.toString(), "build", dir);
        }
        boolean kubectl = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "kubectl")));
        assertTrue(kubectl, "neither kubectl nor .tools/kustomize: run scripts/test.sh, which fetches kustomize");
        return List.of("kubectl", "kustomize", dir);
    }

    private static JsonNode one(List<JsonNode> in, String kind) {
        List<JsonNode> found = in.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    private static List<JsonNode> containers(List<JsonNode> in) {
        List<JsonNode> all = new ArrayList<>();
        for (String kind : List.of("Deployment", "Job")) {
            one(in, kind).path("spec").path("template").path("spec").path("containers").forEach(all::add);
        }
        return all;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void prodHasEverythingACityRunsOn() {
        List<String> kinds = prod.stream().map(o -> o.path("kind").asText()).toList();
        assertTrue(kinds.containsAll(List.of("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "ServiceAccount", "ConfigMap", "Job", "Cluster",
                "ScheduledBackup", "Tenant")), kinds.toString());
        JsonNode deployment = one(prod, "Deployment");
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2);
        assertEquals(0, deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1));
        assertTrue(one(prod, "HorizontalPodAutoscaler").path("spec").path("minReplicas").asInt() >= 2);
        assertTrue(one(prod, "PodDisruptionBudget").path("spec").path("minAvailable").asInt() >= 1);
        assertEquals("zoufang-tls", one(prod, "Ingress").path("spec").path("tls").get(0).path("secretName").asText());
        JsonNode policy = one(prod, "NetworkPolicy").path("spec");
        assertEquals(List.of("Ingress", "Egress"), List.of(policy.path("policyTypes").get(0).asText(),
                policy.path("policyTypes").get(1).asText()));
        JsonNode db = one(prod, "Cluster").path("spec");
        assertEquals(3, db.path("instances").asInt());
        assertTrue(db.path("backup").path("barmanObjectStore").path("destinationPath").asText().startsWith("s3://"));
        assertTrue(one(prod, "Tenant").path("spec").path("pools").get(0).path("servers").asInt() >= 4);
        // Migrations: the Job runs them, the replicas only check.
        JsonNode app = one(prod, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode migrate = one(prod, "Job").path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("false", env(app, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("true", env(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("true", env(migrate, "QUARKUS_INIT_AND_EXIT"));
        assertEquals(app.path("image").asText(), migrate.path("image").asText(), "the Job migrates with the same image");
        assertTrue(app.path("image").asText().startsWith("registry.example.gov.cn/"));
    }

    @Test
    void everyOverlaySetsResourcesRunsAsNonRootAndCarriesNoSecretValue() {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            for (JsonNode container : containers(overlay)) {
                for (String bound : List.of("requests", "limits")) {
                    assertFalse(container.path("resources").path(bound).path("cpu").asText().isEmpty(), bound);
                    assertFalse(container.path("resources").path(bound).path("memory").asText().isEmpty(), bound);
                }
                assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
            }
            assertTrue(overlay.stream().noneMatch(o -> "Secret".equals(o.path("kind").asText())));
            String text = overlay.toString();
            assertFalse(text.contains("BEGIN PRIVATE KEY") || text.contains("accessKey:") || text.contains("password:"));
            JsonNode app = one(overlay, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
            assertFalse(app.path("readinessProbe").isMissingNode());
            assertFalse(app.path("livenessProbe").isMissingNode());
            assertFalse(app.path("startupProbe").isMissingNode());
        }
    }

    @Test
    void devIsTheSameShapeSmaller() {
        assertEquals(1, one(dev, "Cluster").path("spec").path("instances").asInt());
        assertEquals(1, one(dev, "Tenant").path("spec").path("pools").get(0).path("servers").asInt());
        assertEquals("zoufang-dev", one(dev, "Deployment").path("metadata").path("namespace").asText());
        assertEquals("zoufang-dev.example.gov.cn", one(dev, "Ingress").path("spec").path("rules").get(0).path("host").asText());
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
