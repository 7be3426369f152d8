package uk.nhs.cpis.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Metrics;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * k8s/monitoring/: valid YAML and JSON, the alerts the issue asks for, a PodMonitor that reaches the pods'
 * management port, and no metric named in the dashboard or the alerts that /q/metrics does not export.
 */
@QuarkusTest
class MonitoringManifestsTest {
    private static final Path MONITORING = Manifests.K8S.resolve("monitoring");
    private static final Pattern METRIC = Pattern.compile("\\bcpis_[a-z0-9_]+\\b");
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> ALERTS = Set.of("CpisBatchNotCompleted", "CpisAccessEventCommitFailures",
            "CpisAuditQueueNearFull", "CpisReadOnlyModeOn", "CpisLookupLatencyP99High");

    /** On the management interface, as Prometheus scrapes it. */
    @TestHTTPResource(value = "metrics", management = true) // the management URL ends in /q
    URL metrics;

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldNameOnlyMetricsTheServiceExports() throws IOException {
        // Histograms and timers appear at their first use: one lookup and one batch run.
        Instant day = timeline.freshDay();
        String child = Batches.childWithPlan(Batches.freshLa(), day, 4);
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), child).statusCode(200);
        events.record(day.plus(Duration.ofHours(1)), child, "anna", Tokens.HOSPITAL);
        clock.set(day.plus(Duration.ofHours(3)));
        Batches.run(day.plus(Duration.ofHours(2)));
        Set<String> exported = Metrics.scrape(metrics).names();

        Set<String> named = new TreeSet<>();
        expressions().forEach(expr -> {
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                named.add(metric.group());
            }
        });
        assertTrue(named.size() >= 10, "the dashboard and alerts use the service's metrics: " + named);
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "named in k8s/monitoring/ but not exported by /q/metrics");
    }

    @Test
    void shouldAlertOnWhatTheIssueAsksWithSeverityAndSummary() {
        List<JsonNode> rules = new ArrayList<>();
        custom("monitoring.coreos.com/v1/PrometheusRule").forEach(rule -> rule.path("spec").path("groups")
                .forEach(group -> group.path("rules").forEach(rules::add)));
        Set<String> alerts = new TreeSet<>();
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            alerts.add(alert);
            assertFalse(rule.path("expr").asText().isBlank(), alert + ": expr");
            assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()),
                    alert + ": severity critical or warning");
            assertFalse(rule.path("annotations").path("summary").asText().isBlank(), alert + ": summary");
        }
        assertEquals(new TreeSet<>(ALERTS), alerts);
        assertTrue(expr(rules, "CpisBatchNotCompleted").contains("26 * 3600"));
        assertTrue(expr(rules, "CpisLookupLatencyP99High").contains("0.99")
                && expr(rules, "CpisLookupLatencyP99High").contains("0.25"));
        assertEquals("1h", rules.stream().filter(r -> r.path("alert").asText().equals("CpisReadOnlyModeOn"))
                .findFirst().orElseThrow().path("for").asText());
    }

    @Test
    void shouldScrapeThePodsOnTheManagementPortTheServiceDoesNotExpose() {
        JsonNode monitor = custom("monitoring.coreos.com/v1/PodMonitor").findFirst().orElseThrow();
        Deployment deployment = Manifests.parse(Manifests.render(Path.of("k8s", "base"))).stream()
                .filter(m -> m.model() instanceof Deployment).map(m -> (Deployment) m.model()).findFirst().orElseThrow();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), podLabels.get(label.getKey()), "selects the pods"));
        JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        ContainerPort port = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> p.getName().equals(endpoint.path("port").asText())).findFirst().orElseThrow();
        assertEquals(9000, port.getContainerPort(), "the management interface (quarkus.management.port)");
    }

    @Test
    void shouldShipTheDashboardAsValidJsonForGrafanasSidecarAndInTheProductionOverlay() throws IOException {
        ConfigMap dashboard = dashboards().get(0);
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        JsonNode json = STRICT_JSON.readTree(dashboard.getData().values().iterator().next());
        assertTrue(json.path("panels").size() >= 8);
        Set<String> kinds = new TreeSet<>();
        Manifests.parse(Manifests.render(Manifests.K8S.resolve("overlays").resolve("production")))
                .forEach(m -> kinds.add(m.kind() + "/" + m.name()));
        assertTrue(kinds.containsAll(Set.of("PodMonitor/cpis-exchange", "PrometheusRule/cpis-exchange",
                "ConfigMap/cpis-exchange-dashboard")), "production includes k8s/monitoring: " + kinds);
    }

    private List<String> expressions() throws IOException {
        List<String> found = new ArrayList<>();
        custom("monitoring.coreos.com/v1/PrometheusRule").forEach(rule -> rule.findValues("expr")
                .forEach(expr -> found.add(expr.asText())));
        for (ConfigMap dashboard : dashboards()) {
            for (String text : dashboard.getData().values()) {
                STRICT_JSON.readTree(text).findValues("expr").forEach(expr -> found.add(expr.asText()));
            }
        }
        return found;
    }

    private static String expr(List<JsonNode> rules, String alert) {
        return rules.stream().filter(r -> r.path("alert").asText().equals(alert)).findFirst().orElseThrow()
                .path("expr").asText();
    }

    private static List<ConfigMap> dashboards() {
        return rendered().stream().filter(m -> m.model() instanceof ConfigMap).map(m -> (ConfigMap) m.model())
                .filter(map -> map.getMetadata().getLabels() != null
                        && map.getMetadata().getLabels().containsKey("grafana_dashboard"))
                .toList();
    }

    private static java.util.stream.Stream<JsonNode> custom(String type) {
        return rendered().stream().filter(m -> m.type().equals(type)).map(Manifests.Manifest::tree);
    }

    private static List<Manifests.Manifest> rendered() {
        return Manifests.parse(Manifests.render(MONITORING));
    }
}
