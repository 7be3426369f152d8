package uk.nhs.cpis.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The k8s/ folder rendered by {@code kubectl kustomize} and read strictly: each Kubernetes object into its
 * fabric8 model class with unknown fields refused (the model keeps them in "additional properties"
 * otherwise, so a misspelt {@code readinessProbe} would pass unseen), custom resources (CloudNativePG,
 * Prometheus Operator) as plain trees whose fields {@link ManifestRules} checks.
 */
final class Manifests {
    static final Path K8S = Path.of("k8s");

    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    /** Custom resources: the operators' own CRDs, checked field by field. */
    static final List<String> CUSTOM = List.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup",
            "monitoring.coreos.com/v1/PrometheusRule", "monitoring.coreos.com/v1/PodMonitor");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper()
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    /** One rendered object: the tree as written, and the fabric8 model (null for a custom resource). */
    record Manifest(String type, JsonNode tree, HasMetadata model) {
        String name() {
            return tree.path("metadata").path("name").asText();
        }

        String kind() {
            return tree.path("kind").asText();
        }
    }

    private Manifests() {
    }

    /** Every kustomization under k8s/overlays/ (one directory each). */
    static List<Path> overlays() throws IOException {
        try (var dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    /** {@code kubectl kustomize dir}, once per directory per test run. */
    static String render(Path dir) {
        return RENDERED.computeIfAbsent(dir, Manifests::kustomize);
    }

    private static String kustomize(Path dir) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render k8s/ (Debian: apt-get install kubectl; .ci/run installs it): "
                    + e.getMessage(), e);
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            process.destroy();
        }
    }

    /** Parses a rendering strictly; an unknown kind or field fails with the object's name and the field's path. */
    static List<Manifest> parse(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode tree = documents.next();
                if (tree == null || tree.isNull() || tree.isEmpty()) {
                    continue;
                }
                manifests.add(parse(tree));
            }
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
        return manifests;
    }

    private static Manifest parse(JsonNode tree) {
        String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
        String name = type + " " + tree.path("metadata").path("name").asText();
        if (CUSTOM.contains(type)) {
            return new Manifest(type, tree, null);
        }
        Class<? extends HasMetadata> model = MODELS.get(type);
        if (type.endsWith("/CronJob") || type.endsWith("/Job")) {
            throw new AssertionError(name + ": the nightly batch runs inside the service, one instance at a time"
                    + " under the database lock (cpis.batch.cron); a CronJob would start it a second way");
        }
        if (model == null) {
            throw new AssertionError(name + ": a kind this test does not know; add its fabric8 model to Manifests");
        }
        try {
            return new Manifest(type, tree, STRICT.treeToValue(tree, model));
        } catch (IOException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
