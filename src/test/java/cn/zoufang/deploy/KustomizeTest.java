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
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
        // Probes and metrics on the management port, which nothing routes to from outside.
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("management", container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertEquals("9001", only("Deployment").path("spec").path("template").path("metadata").path("annotations")
                .path("prometheus.io/port").asText());
        for (String kind : List.of("requests", "limits")) {
            assertFalse(container.path("resources").path(kind).path("memory").asText().isEmpty(), kind);
            assertFalse(container.path("resources").path(kind).path("cpu").asText().isEmpty(), kind);
        }
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
    }

    /** Names of settings that hold a secret (a password, a key, a token, a credential). */
    private static boolean secretName(String name) {
        return name.toUpperCase().matches(".*(PASSWORD|SECRET|PRIVATE|TOKEN|CREDENTIAL|ACCESS_KEY|ACCESS-KEY).*");
    }

    @Test
    void secretsAreReferencedNeverCarried() {
        for (List<JsonNode> rendered : List.of(objects, dev, prod)) {
            List<String> carried = new ArrayList<>();
            for (JsonNode o : rendered) {
                String name = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
                // No Secret object, and no data or stringData anywhere: the operators create secrets, never git.
                if ("Secret".equals(o.path("kind").asText()) || o.has("stringData")
                        || (!"ConfigMap".equals(o.path("kind").asText()) && o.has("data"))) {
                    carried.add(name + " carries data");
                }
                // A ConfigMap setting named like a secret may only say where the secret is mounted.
                if ("ConfigMap".equals(o.path("kind").asText())) {
                    o.path("data").fields().forEachRemaining(e -> {
                        if (secretName(e.getKey()) && !e.getValue().asText().startsWith("/secrets/")) {
                            carried.add(name + " data." + e.getKey() + " = " + e.getValue().asText());
                        }
                    });
                }
                // Every container's secret-named variable comes from a secretKeyRef, never a value.
                o.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(e -> {
                    if (secretName(e.path("name").asText())
                            && (e.has("value") || e.path("valueFrom").path("secretKeyRef").isMissingNode())) {
                        carried.add(name + " env " + e.path("name").asText() + " = " + e.path("value").asText());
                    }
                }));
                if (o.toString().contains("BEGIN PRIVATE KEY") || o.toString().contains("BEGIN RSA PRIVATE KEY")) {
                    carried.add(name + " holds a private key");
                }
            }
            assertTrue(carried.isEmpty(), "secret values in the manifests: " + carried);
        }
        List<String> referenced = new ArrayList<>();
        for (JsonNode container : containers(prod)) {
            container.path("env").forEach(e -> {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    referenced.add(ref.path("name").asText());
                }
            });
        }
        assertTrue(referenced.containsAll(List.of("zoufang-database", "zoufang-database-app", "zoufang-object-store")),
                referenced.toString());
    }

    @Test
    void theServiceRunsAsItsOwnDatabaseRoleAndOnlyTheJobAsTheOwner() {
        JsonNode app = one(prod, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode migrate = one(prod, "Job").path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("zoufang-database-app", secretOf(app, "DB_PASSWORD"));
        assertEquals(null, secretOf(app, "DB_MIGRATION_PASSWORD"), "the replicas never hold the owner's password");
        assertEquals("zoufang-database", secretOf(migrate, "DB_MIGRATION_PASSWORD"));
        assertEquals("zoufang-database-app", secretOf(migrate, "DB_USER"), "the Job grants to the service's role");
        JsonNode roles = one(prod, "Cluster").path("spec").path("managed").path("roles");
        assertEquals("zoufang_app", roles.get(0).path("name").asText());
        assertEquals("zoufang-database-app", roles.get(0).path("passwordSecret").path("name").asText());
    }

    @Test
    void onlyTheApisPortIsReachableFromOutside() {
        JsonNode service = one(prod, "Service").path("spec").path("ports");
        assertEquals(1, service.size());
        assertEquals("http", service.get(0).path("targetPort").asText());
        one(prod, "Ingress").path("spec").path("rules").forEach(r -> r.path("http").path("paths").forEach(p ->
                assertEquals("http", p.path("backend").path("service").path("port").path("name").asText())));
        // The ingress controller reaches the API's port, Prometheus the management port, each nothing else.
        for (JsonNode rule : one(prod, "NetworkPolicy").path("spec").path("ingress")) {
            String from = rule.path("from").get(0).path("namespaceSelector").path("matchLabels")
                    .path("kubernetes.io/metadata.name").asText();
            int port = rule.path("ports").get(0).path("port").asInt();
            assertEquals(from.equals("ingress-nginx") ? 8080 : 9001, port, from);
        }
    }

    private static String secretOf(JsonNode container, String variable) {
        for (JsonNode e : container.path("env")) {
            if (variable.equals(e.path("name").asText())) {
                return e.path("valueFrom").path("secretKeyRef").path("name").asText(null);
            }
        }
        return null;
    }
}
