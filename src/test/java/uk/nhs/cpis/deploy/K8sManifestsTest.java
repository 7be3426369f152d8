package uk.nhs.cpis.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.nhs.cpis.deploy.Manifests.Manifest;

/**
 * k8s/: every overlay renders with {@code kubectl kustomize}, every object parses strictly, and what the
 * service needs holds (ManifestRules). The second half breaks a good rendering in one place each and
 * shows that the checks notice, so that a wrong manifest fails CI rather than a deployment.
 */
class K8sManifestsTest {
    private static final ServiceProperties SERVICE = new ServiceProperties();
    private static final Path PRODUCTION = Manifests.K8S.resolve("overlays/production");
    private static final Path DEV = Manifests.K8S.resolve("overlays/dev");

    static List<Path> overlays() throws IOException {
        return Manifests.overlays();
    }

    @Test
    void shouldHaveTheProductionAndDevOverlays() throws IOException {
        assertTrue(overlays().containsAll(List.of(PRODUCTION, DEV)), overlays().toString());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldRenderEveryOverlayIntoObjectsThatMeetTheServicesNeeds(Path overlay) {
        List<Manifest> manifests = Manifests.parse(Manifests.render(overlay));
        assertEquals(List.of(), ManifestRules.problems(SERVICE, manifests), overlay.toString());
    }

    @Test
    void shouldRunProductionAsTwoReplicasOnAThreeInstanceDatabase() {
        Map<String, Integer> kinds = ManifestRules.counts(Manifests.parse(Manifests.render(PRODUCTION)));
        // ConfigMaps: the settings and the Grafana dashboard (k8s/monitoring, with the PodMonitor and the alerts).
        assertEquals(Map.of("Deployment", 1, "Service", 1, "ConfigMap", 2, "PodDisruptionBudget", 1, "NetworkPolicy", 2,
                "Cluster", 1, "ScheduledBackup", 1, "PodMonitor", 1, "PrometheusRule", 1), kinds);
        String rendered = Manifests.render(PRODUCTION);
        assertTrue(rendered.contains("replicas: 2"), "two replicas");
        assertTrue(rendered.contains("instances: 3"), "three database instances");
    }

    @Test
    void shouldRunDevAsOneReplicaOnH2WithAVolume() {
        Map<String, Integer> kinds = ManifestRules.counts(Manifests.parse(Manifests.render(DEV)));
        assertEquals(Map.of("Deployment", 1, "Service", 1, "ConfigMap", 1, "PersistentVolumeClaim", 1, "NetworkPolicy", 1),
                kinds);
        assertTrue(Manifests.render(DEV).contains("replicas: 1"));
    }

    // --- a wrong manifest fails --------------------------------------------------------------------

    @Test
    void shouldRefuseAnUnknownField() {
        AssertionError error = assertThrows(AssertionError.class, () -> Manifests.parse(
                production().replace("readinessProbe:", "readynessProbe:")));
        assertTrue(error.getMessage().contains("Deployment cpis-exchange") && error.getMessage().contains("readynessProbe"),
                error.getMessage());
    }

    @Test
    void shouldRefuseACronJobForTheBatch() {
        String cronJob = """
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: asn-batch
                """;
        AssertionError error = assertThrows(AssertionError.class, () -> Manifests.parse(production() + cronJob));
        assertTrue(error.getMessage().contains("database lock"), error.getMessage());
    }

    @Test
    void shouldRefuseProbesTheServiceDoesNotServe() {
        assertProblem(production().replace("path: /q/health/ready", "path: /health/ready"),
                "readinessProbe path /health/ready");
        assertProblem(production().replace("port: management\n", "port: http\n"), "the service serves health on 9000");
    }

    @Test
    void shouldRefuseAVariableThatIsNoPropertyOfTheService() {
        assertProblem(production().replace("CPIS_AUDIT_QUEUE_CAPACITY:", "CPIS_AUDIT_QUEUE_CAPACTY:"),
                "CPIS_AUDIT_QUEUE_CAPACTY is not a property of the service");
        assertProblem(production().replace("name: QUARKUS_DATASOURCE_PASSWORD", "name: QUARKUS_DATASOURCE_PASSWD"),
                "QUARKUS_DATASOURCE_PASSWD is not a property of the service");
    }

    @Test
    void shouldRefuseAKeyMountedElsewhere() {
        assertProblem(production().replace("mountPath: /etc/cpis/jwt", "mountPath: /etc/cpis/keys"),
                "is on no Secret volume mount");
        assertProblem(production().replace("path: jwt-public.pem", "path: public.pem"), "has no item with path jwt-public.pem");
    }

    @Test
    void shouldRefuseAnUnpinnedImage() {
        assertProblem(production().replace(":0.1.0-postgresql", ":latest"), "never latest");
        assertProblem(production().replace(":0.1.0-postgresql", ""), "never latest");
        assertProblem(production().replace("postgresql:17.5", "postgresql:latest"), "Cluster cpis-db: image");
    }

    @Test
    void shouldRefuseAContainerWithoutLimitsOrRestrictedSecurityContext() {
        assertProblem(production().replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                "readOnlyRootFilesystem must be true");
        assertProblem(production().replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"),
                "allowPrivilegeEscalation must be false");
        assertProblem(production().replaceFirst("(?s)(limits:\\n\\s+)cpu: \"2\"\\n\\s+", "$1"), "no cpu limit");
        assertProblem(production().replace("- ALL", "- NET_RAW"), "capabilities must drop ALL");
    }

    @Test
    void shouldRefuseADatabaseSecretOfAnotherCluster() {
        assertProblem(production().replace("name: cpis-db-app", "name: cpis-database-app"),
                "must come from Secret cpis-db-app key password");
        assertProblem(production().replace("jdbc:postgresql://cpis-db-rw:5432/cpis", "jdbc:postgresql://cpis-db-r:5432/cpis"),
                "JDBC host cpis-db-r is not the -rw Service");
        assertProblem(production().replace("instances: 3", "instances: 1"), "instances 1");
        assertProblem(production().replace("number: 1", "number: 0"), "no synchronous replica");
        assertProblem(production().replace("    name: cpis-db\n  immediate", "    name: cpis-dbx\n  immediate"),
                "spec.cluster.name cpis-dbx is no Cluster");
    }

    @Test
    void shouldRefuseAnExposedManagementPortOrAnOpenNetwork() {
        assertProblem(production().replace("targetPort: http", "targetPort: management"), "must target the named port http");
        assertProblem(production().replace("port: 5432", "port: 443"), "egress to [443]");
        assertProblem(production().replace("maxUnavailable: 0", "maxUnavailable: 1"), "maxUnavailable: 0");
    }

    @Test
    void shouldRefuseH2WithoutItsVolume() {
        assertProblem(Manifests.render(DEV).replace("mountPath: /deployments/data", "mountPath: /deployments/db"),
                "is on no PersistentVolumeClaim mount");
        assertProblem(Manifests.render(DEV).replace(":0.1.0-h2", ":0.1.0-postgresql"), "needs the H2 build");
    }

    private static String production() {
        return Manifests.render(PRODUCTION);
    }

    private static void assertProblem(String rendered, String expected) {
        List<String> problems = ManifestRules.problems(SERVICE, Manifests.parse(rendered));
        assertFalse(problems.isEmpty(), "the broken rendering passed; expected: " + expected);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected " + expected + " among " + problems);
    }
}
