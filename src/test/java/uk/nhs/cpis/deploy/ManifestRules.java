package uk.nhs.cpis.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import uk.nhs.cpis.deploy.Manifests.Manifest;

/**
 * What the service needs from its manifests, checked against what the service is (application.properties,
 * its @ConfigMapping keys): answers every problem found, each naming its object, so one run shows them all.
 */
final class ManifestRules {
    static final String HTTP_PORT_NAME = "http";
    static final String MANAGEMENT_PORT_NAME = "management";
    static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
    private static final Set<String> CLUSTER_SPEC = Set.of("instances", "imageName", "imageCatalogRef", "imagePullPolicy",
            "imagePullSecrets", "postgresUID", "postgresGID", "description", "inheritedMetadata", "schedulerName",
            "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "livenessProbeTimeout",
            "affinity", "topologySpreadConstraints", "resources", "ephemeralVolumesSizeLimit", "priorityClassName",
            "primaryUpdateStrategy", "primaryUpdateMethod", "backup", "nodeMaintenanceWindow", "monitoring",
            "externalClusters", "logLevel", "projectedVolumeTemplate", "env", "envFrom", "managed", "seccompProfile",
            "tablespaces", "enablePDB", "plugins", "probes", "podSecurityContext", "securityContext",
            "enableSuperuserAccess", "superuserSecret", "certificates", "replica", "replicationSlots", "storage",
            "walStorage", "ephemeralVolumeSource", "serviceAccountTemplate", "bootstrap", "postgresql",
            "minSyncReplicas", "maxSyncReplicas");
    private static final Set<String> CLUSTER_POSTGRESQL = Set.of("parameters", "synchronous", "pg_hba", "pg_ident",
            "syncReplicaElectionConstraint", "shared_preload_libraries", "ldap", "promotionTimeout", "enableAlterSystem",
            "extensions");
    private static final Set<String> CLUSTER_SYNCHRONOUS = Set.of("method", "number", "maxStandbyNamesFromCluster",
            "standbyNamesPre", "standbyNamesPost", "dataDurability", "failoverQuorum");
    private static final Set<String> SCHEDULED_BACKUP_SPEC = Set.of("schedule", "cluster", "immediate", "suspend",
            "backupOwnerReference", "method", "target", "online", "onlineConfiguration", "pluginConfiguration");
    private static final Pattern JDBC_POSTGRESQL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG])");

    private final ServiceProperties service;
    private final List<Manifest> manifests;
    private final List<String> problems = new ArrayList<>();

    private ManifestRules(ServiceProperties service, List<Manifest> manifests) {
        this.service = service;
        this.manifests = manifests;
    }

    static List<String> problems(ServiceProperties service, List<Manifest> manifests) {
        ManifestRules rules = new ManifestRules(service, manifests);
        rules.check();
        return rules.problems;
    }

    private void check() {
        List<Deployment> deployments = models(Deployment.class).toList();
        if (deployments.isEmpty()) {
            problems.add("no Deployment");
        }
        deployments.forEach(this::deployment);
        custom("postgresql.cnpg.io/v1/Cluster").forEach(this::cluster);
        custom("postgresql.cnpg.io/v1/ScheduledBackup").forEach(this::scheduledBackup);
    }

    // --- Deployment ---------------------------------------------------------------------------------

    private void deployment(Deployment deployment) {
        String at = "Deployment " + deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        if (replicas > 1) {
            var strategy = deployment.getSpec().getStrategy();
            if (strategy == null || !"RollingUpdate".equals(strategy.getType()) || strategy.getRollingUpdate() == null
                    || !isZero(strategy.getRollingUpdate().getMaxUnavailable())) {
                problems.add(at + ": " + replicas + " replicas must roll with maxUnavailable: 0");
            }
            boolean spread = pod.getTopologySpreadConstraints().stream().anyMatch(c ->
                    "kubernetes.io/hostname".equals(c.getTopologyKey()) && selects(c.getLabelSelector(), podLabels));
            if (!spread) {
                problems.add(at + ": replicas not spread across nodes (topologySpreadConstraints on kubernetes.io/hostname)");
            }
            if (models(PodDisruptionBudget.class).noneMatch(p -> selects(p.getSpec().getSelector(), podLabels))) {
                problems.add(at + ": " + replicas + " replicas and no PodDisruptionBudget");
            }
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(at + ": automountServiceAccountToken must be false (the service never calls the Kubernetes API)");
        }
        var podSecurity = pod.getSecurityContext();
        boolean podNonRoot = podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
        if (podSecurity == null || podSecurity.getSeccompProfile() == null
                || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
            problems.add(at + ": pod seccompProfile must be RuntimeDefault");
        }
        List<Container> containers = Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
        for (Container container : containers) {
            String where = at + " container " + container.getName();
            image(where, container.getImage());
            resources(where, container.getResources());
            securityContext(where, container.getSecurityContext(), podNonRoot);
        }
        pod.getContainers().stream().filter(c -> port(c, HTTP_PORT_NAME).isPresent())
                .forEach(c -> service(at + " container " + c.getName(), deployment, c, replicas));
        if (pod.getContainers().stream().noneMatch(c -> port(c, HTTP_PORT_NAME).isPresent())) {
            problems.add(at + ": no container with a port named " + HTTP_PORT_NAME);
        }
        services(at, podLabels);
        networkPolicies(at, podLabels);
    }

    /** The service's own container: its ports, probes, configuration, key, heap and database. */
    private void service(String at, Deployment deployment, Container container, int replicas) {
        int httpPort = Integer.parseInt(Objects.requireNonNullElse(service.production("quarkus.http.port"), "8080"));
        boolean management = "true".equals(service.production("quarkus.management.enabled"));
        int managementPort = Integer.parseInt(Objects.requireNonNullElse(service.production("quarkus.management.port"), "9000"));
        if (port(container, HTTP_PORT_NAME).orElse(-1) != httpPort) {
            problems.add(at + ": port " + HTTP_PORT_NAME + " must be " + httpPort + " (quarkus.http.port)");
        }
        int healthPort = httpPort;
        if (management) {
            healthPort = managementPort;
            if (port(container, MANAGEMENT_PORT_NAME).orElse(-1) != managementPort) {
                problems.add(at + ": port " + MANAGEMENT_PORT_NAME + " must be " + managementPort + " (quarkus.management.port)");
            }
        }
        for (String path : List.of("quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
                "quarkus.management.root-path", "quarkus.smallrye-health.liveness-path",
                "quarkus.smallrye-health.readiness-path", "quarkus.smallrye-health.startup-path")) {
            if (service.production(path) != null) {
                problems.add("application.properties sets " + path + ": teach ManifestRules the health paths it makes");
            }
        }
        probe(at, container, "startupProbe", container.getStartupProbe(), healthPort);
        probe(at, container, "readinessProbe", container.getReadinessProbe(), healthPort);
        probe(at, container, "livenessProbe", container.getLivenessProbe(), healthPort);

        Map<String, String> environment = environment(at, container);
        jwtKey(at, deployment.getSpec().getTemplate().getSpec(), container, environment);
        heap(at, container, environment);
        database(at, deployment, container, environment, replicas);
    }

    private void probe(String at, Container container, String kind, Probe probe, int expectedPort) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(at + ": no " + kind + " (HTTP GET " + PROBE_PATHS.get(kind) + ")");
            return;
        }
        if (!PROBE_PATHS.get(kind).equals(probe.getHttpGet().getPath())) {
            problems.add(at + ": " + kind + " path " + probe.getHttpGet().getPath() + ", the service serves "
                    + PROBE_PATHS.get(kind));
        }
        IntOrString port = probe.getHttpGet().getPort();
        Integer number = port == null ? null
                : port.getIntVal() != null ? port.getIntVal() : port(container, port.getStrVal()).orElse(null);
        if (!Objects.equals(number, expectedPort)) {
            problems.add(at + ": " + kind + " on port " + (port == null ? null : port.getValue())
                    + ", the service serves health on " + expectedPort);
        }
    }

    /**
     * The variables the container gets, each one a property of the service (or the launcher's JAVA_OPTS):
     * a misspelt CPIS_AUDIT_QUEUE_CAPACTY would be ignored silently at run time.
     */
    private Map<String, String> environment(String at, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() == null || from.getPrefix() != null) {
                problems.add(at + ": envFrom only from a ConfigMap, without prefix, so that its keys can be checked");
                continue;
            }
            String name = from.getConfigMapRef().getName();
            Optional<ConfigMap> map = models(ConfigMap.class).filter(m -> m.getMetadata().getName().equals(name)).findFirst();
            if (map.isEmpty()) {
                problems.add(at + ": envFrom ConfigMap " + name + " is not in the manifests");
                continue;
            }
            map.get().getData().forEach((key, value) -> {
                variable(at + " (ConfigMap " + name + ")", key);
                environment.put(key, value);
            });
        }
        for (EnvVar variable : container.getEnv()) {
            variable(at, variable.getName());
            environment.put(variable.getName(), variable.getValue());
        }
        return environment;
    }

    private void variable(String at, String name) {
        if (!ServiceProperties.LAUNCHER_VARIABLES.contains(name) && service.propertyOf(name).isEmpty()) {
            problems.add(at + ": " + name + " is not a property of the service");
        }
    }

    /** mp.jwt.verify.publickey.location names a file of a Secret volume mounted read-only. */
    private void jwtKey(String at, PodSpec pod, Container container, Map<String, String> environment) {
        String location = setting(environment, "mp.jwt.verify.publickey.location");
        if (setting(environment, "mp.jwt.verify.issuer") == null) {
            problems.add(at + ": mp.jwt.verify.issuer is not set (the service does not start without it)");
        }
        if (location == null) {
            problems.add(at + ": mp.jwt.verify.publickey.location is not set (the service does not start without it)");
            return;
        }
        Optional<VolumeMount> mount = container.getVolumeMounts().stream()
                .filter(m -> location.startsWith(m.getMountPath() + "/")).findFirst();
        Optional<Volume> volume = mount.flatMap(m -> volume(pod, m.getName()));
        if (volume.isEmpty() || volume.get().getSecret() == null) {
            problems.add(at + ": mp.jwt.verify.publickey.location " + location + " is on no Secret volume mount");
            return;
        }
        String file = location.substring(mount.get().getMountPath().length() + 1);
        if (volume.get().getSecret().getItems().stream().noneMatch(i -> file.equals(i.getPath()))) {
            problems.add(at + ": Secret volume " + volume.get().getName() + " has no item with path " + file
                    + " (mp.jwt.verify.publickey.location " + location + ")");
        }
        if (!Boolean.TRUE.equals(mount.get().getReadOnly())) {
            problems.add(at + ": the key's volume mount must be readOnly");
        }
    }

    /** The heap (-Xmx) must leave room under the memory limit for the rest of the process (measured: README). */
    private void heap(String at, Container container, Map<String, String> environment) {
        String options = environment.get("JAVA_OPTS");
        Matcher xmx = options == null ? null : XMX.matcher(options);
        Quantity limit = container.getResources() == null ? null : container.getResources().getLimits().get("memory");
        if (xmx == null || !xmx.find() || limit == null) {
            problems.add(at + ": JAVA_OPTS must set the heap (-Xmx) under a memory limit");
            return;
        }
        long heap = Long.parseLong(xmx.group(1)) << switch (xmx.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        long bytes = Quantity.getAmountInBytes(limit).longValue();
        if (heap * 3 > bytes * 2) {
            problems.add(at + ": heap " + heap + " bytes leaves less than a third of the memory limit " + limit
                    + " for metaspace, threads and buffers");
        }
    }

    private void database(String at, Deployment deployment, Container container, Map<String, String> environment,
            int replicas) {
        String url = setting(environment, "quarkus.datasource.jdbc.url");
        String image = container.getImage();
        if (url == null) {
            problems.add(at + ": no quarkus.datasource.jdbc.url");
        } else if (url.startsWith("jdbc:h2:")) {
            if (!image.contains("h2")) {
                problems.add(at + ": an H2 database needs the H2 build (an image tagged ...-h2), not " + image);
            }
            if (replicas != 1) {
                problems.add(at + ": H2 is embedded, one replica only, not " + replicas);
            }
            String file = url.substring("jdbc:h2:".length()).split(";")[0];
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            boolean onVolume = container.getVolumeMounts().stream()
                    .filter(m -> file.startsWith(m.getMountPath() + "/"))
                    .flatMap(m -> volume(pod, m.getName()).stream())
                    .anyMatch(v -> v.getPersistentVolumeClaim() != null && models(PersistentVolumeClaim.class)
                            .anyMatch(c -> c.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName())));
            if (!onVolume) {
                problems.add(at + ": H2 file " + file + " is on no PersistentVolumeClaim mount (the root filesystem"
                        + " is read-only, and a pod's own disk does not outlive it)");
            }
        } else if (url.startsWith("jdbc:postgresql:")) {
            if (!image.contains("postgresql")) {
                problems.add(at + ": a PostgreSQL database needs the -Ppostgresql build (an image tagged ...-postgresql), not "
                        + image);
            }
            postgresql(at, container, url);
        } else {
            problems.add(at + ": unknown database " + url);
        }
    }

    /** The CloudNativePG way: the -rw Service of a Cluster in these manifests, credentials from its -app Secret. */
    private void postgresql(String at, Container container, String url) {
        Matcher jdbc = JDBC_POSTGRESQL.matcher(url);
        List<JsonNode> clusters = custom("postgresql.cnpg.io/v1/Cluster").toList();
        if (!jdbc.matches() || clusters.isEmpty()) {
            problems.add(at + ": " + url + " names no CloudNativePG Cluster of these manifests");
            return;
        }
        Optional<JsonNode> cluster = clusters.stream()
                .filter(c -> (name(c) + "-rw").equals(jdbc.group(1))).findFirst();
        if (cluster.isEmpty()) {
            problems.add(at + ": JDBC host " + jdbc.group(1) + " is not the -rw Service of a Cluster ("
                    + clusters.stream().map(c -> name(c) + "-rw").toList() + ")");
            return;
        }
        JsonNode initdb = cluster.get().path("spec").path("bootstrap").path("initdb");
        if (!initdb.path("database").asText().equals(jdbc.group(3))) {
            problems.add(at + ": JDBC database " + jdbc.group(3) + " is not the Cluster's initdb database "
                    + initdb.path("database").asText());
        }
        String secret = initdb.path("secret").path("name").asText(name(cluster.get()) + "-app");
        for (var credential : Map.of("QUARKUS_DATASOURCE_USERNAME", "username", "QUARKUS_DATASOURCE_PASSWORD", "password")
                .entrySet()) {
            Optional<SecretKeySelector> from = container.getEnv().stream()
                    .filter(e -> e.getName().equals(credential.getKey()) && e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef()).filter(Objects::nonNull).findFirst();
            if (from.isEmpty() || !secret.equals(from.get().getName()) || !credential.getValue().equals(from.get().getKey())) {
                problems.add(at + ": " + credential.getKey() + " must come from Secret " + secret + " key "
                        + credential.getValue() + " (the operator's application Secret), not "
                        + from.map(s -> s.getName() + "/" + s.getKey()).orElse("elsewhere"));
            }
        }
    }

    private void image(String at, String image) {
        String last = image == null ? "" : image.substring(image.lastIndexOf('/') + 1);
        if (last.contains("@sha256:")) {
            return;
        }
        if (!last.contains(":") || last.endsWith(":latest")) {
            problems.add(at + ": image " + image + " must be pinned by tag or digest, never latest");
        }
    }

    private void resources(String at, ResourceRequirements resources) {
        for (String resource : List.of("cpu", "memory")) {
            if (resources == null || !resources.getRequests().containsKey(resource)) {
                problems.add(at + ": no " + resource + " request");
            }
            if (resources == null || !resources.getLimits().containsKey(resource)) {
                problems.add(at + ": no " + resource + " limit");
            }
        }
    }

    private void securityContext(String at, SecurityContext context, boolean podNonRoot) {
        if (context == null) {
            problems.add(at + ": no securityContext");
            return;
        }
        if (!podNonRoot && !Boolean.TRUE.equals(context.getRunAsNonRoot())) {
            problems.add(at + ": runAsNonRoot must be true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add(at + ": allowPrivilegeEscalation must be false");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            problems.add(at + ": privileged");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(at + ": readOnlyRootFilesystem must be true");
        }
        if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")
                || !context.getCapabilities().getAdd().isEmpty()) {
            problems.add(at + ": capabilities must drop ALL and add none");
        }
    }

    /** Services reach the API port only: /q/metrics and /q/health are never behind a Service or an ingress. */
    private void services(String at, Map<String, String> podLabels) {
        List<Service> services = models(Service.class).filter(s -> s.getSpec().getSelector() != null
                && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet())).toList();
        if (services.isEmpty()) {
            problems.add(at + ": no Service selects its pods");
        }
        for (Service s : services) {
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target == null || !HTTP_PORT_NAME.equals(target.getStrVal())) {
                    problems.add("Service " + s.getMetadata().getName() + " port " + port.getName()
                            + ": must target the named port " + HTTP_PORT_NAME + " only");
                }
            }
        }
    }

    /**
     * Ingress only to the API port (and the management port from a named peer, Prometheus); egress only to
     * DNS and to the CloudNativePG instances of the database.
     */
    private void networkPolicies(String at, Map<String, String> podLabels) {
        List<NetworkPolicy> policies = models(NetworkPolicy.class)
                .filter(p -> selects(p.getSpec().getPodSelector(), podLabels)).toList();
        if (policies.stream().noneMatch(p -> p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))) {
            problems.add(at + ": no NetworkPolicy limits both its ingress and its egress");
        }
        Set<String> clusters = Set.copyOf(custom("postgresql.cnpg.io/v1/Cluster").map(ManifestRules::name).toList());
        for (NetworkPolicy policy : policies) {
            String where = "NetworkPolicy " + policy.getMetadata().getName();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (rule.getPorts().isEmpty()) {
                    problems.add(where + ": an ingress rule without ports opens every port");
                }
                for (NetworkPolicyPort port : rule.getPorts()) {
                    String name = port.getPort() == null ? null : port.getPort().getStrVal();
                    boolean api = HTTP_PORT_NAME.equals(name);
                    boolean scrape = MANAGEMENT_PORT_NAME.equals(name) && !rule.getFrom().isEmpty();
                    if (!api && !scrape) {
                        problems.add(where + ": ingress to " + (port.getPort() == null ? "every port" : port.getPort().getValue())
                                + " (only " + HTTP_PORT_NAME + ", and " + MANAGEMENT_PORT_NAME + " from named peers)");
                    }
                }
            }
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                Set<Integer> ports = Set.copyOf(rule.getPorts().stream()
                        .map(p -> p.getPort() == null ? -1 : p.getPort().getIntVal() == null ? -1 : p.getPort().getIntVal())
                        .toList());
                boolean dns = ports.equals(Set.of(53));
                boolean database = ports.equals(Set.of(5432)) && !rule.getTo().isEmpty() && rule.getTo().stream()
                        .allMatch(peer -> databasePeer(peer, clusters));
                if (!dns && !database) {
                    problems.add(where + ": egress to " + ports + " " + rule.getTo()
                            + " (only DNS, port 53, and the Cluster's instances on 5432)");
                }
            }
        }
    }

    private static boolean databasePeer(NetworkPolicyPeer peer, Set<String> clusters) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && clusters.contains(peer.getPodSelector().getMatchLabels().get("cnpg.io/cluster"));
    }

    // --- CloudNativePG ------------------------------------------------------------------------------

    private void cluster(JsonNode cluster) {
        String at = "Cluster " + name(cluster);
        JsonNode spec = cluster.path("spec");
        unknownFields(at + " spec", spec, CLUSTER_SPEC);
        unknownFields(at + " spec.postgresql", spec.path("postgresql"), CLUSTER_POSTGRESQL);
        unknownFields(at + " spec.postgresql.synchronous", spec.path("postgresql").path("synchronous"), CLUSTER_SYNCHRONOUS);
        if (spec.path("instances").asInt() < 3) {
            problems.add(at + ": instances " + spec.path("instances") + ", a primary and two standbys needed (3)");
        }
        JsonNode synchronous = spec.path("postgresql").path("synchronous");
        if (synchronous.path("number").asInt() < 1 || !Set.of("any", "first").contains(synchronous.path("method").asText())) {
            problems.add(at + ": no synchronous replica (spec.postgresql.synchronous method any|first, number >= 1)");
        }
        if (spec.path("storage").path("size").asText().isEmpty()) {
            problems.add(at + ": no spec.storage.size");
        }
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        if (initdb.path("database").asText().isEmpty() || initdb.path("owner").asText().isEmpty()) {
            problems.add(at + ": spec.bootstrap.initdb must name the database and its owner");
        }
        image(at, spec.path("imageName").asText(null));
        if (spec.path("backup").isMissingNode()) {
            problems.add(at + ": no spec.backup (where the ScheduledBackup writes)");
        }
        if (custom("postgresql.cnpg.io/v1/ScheduledBackup")
                .noneMatch(b -> name(cluster).equals(b.path("spec").path("cluster").path("name").asText()))) {
            problems.add(at + ": no ScheduledBackup");
        }
    }

    private void scheduledBackup(JsonNode backup) {
        String at = "ScheduledBackup " + name(backup);
        JsonNode spec = backup.path("spec");
        unknownFields(at + " spec", spec, SCHEDULED_BACKUP_SPEC);
        String cluster = spec.path("cluster").path("name").asText();
        if (custom("postgresql.cnpg.io/v1/Cluster").noneMatch(c -> name(c).equals(cluster))) {
            problems.add(at + ": spec.cluster.name " + cluster + " is no Cluster of these manifests");
        }
        if (spec.path("schedule").asText().trim().split("\\s+").length != 6) {
            problems.add(at + ": schedule must have six fields (seconds first): " + spec.path("schedule").asText());
        }
    }

    private void unknownFields(String at, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!known.contains(field)) {
                problems.add(at + ": unknown field " + field);
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** A setting as the container sees it: its environment first, then the jar's %prod configuration. */
    private String setting(Map<String, String> environment, String property) {
        String value = environment.get(ServiceProperties.environmentName(property));
        if (value == null && environment.containsKey(ServiceProperties.environmentName(property))) {
            return "(from a Secret)";
        }
        return value != null ? value : service.production(property);
    }

    private static Optional<Integer> port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static Optional<Volume> volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
    }

    private static boolean isZero(IntOrString value) {
        return value != null && (Integer.valueOf(0).equals(value.getIntVal()) || "0%".equals(value.getStrVal()));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchExpressions().isEmpty() && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private <T> Stream<T> models(Class<T> type) {
        return manifests.stream().map(Manifest::model).filter(type::isInstance).map(type::cast);
    }

    private Stream<JsonNode> custom(String type) {
        return manifests.stream().filter(m -> m.type().equals(type)).map(Manifest::tree);
    }

    private static String name(JsonNode tree) {
        return tree.path("metadata").path("name").asText();
    }

    static Map<String, Integer> counts(List<Manifest> manifests) {
        Map<String, Integer> counts = new HashMap<>();
        manifests.forEach(m -> counts.merge(m.kind(), 1, Integer::sum));
        return counts;
    }
}
