package uk.nhs.cpis.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * src/main/docker/Dockerfile.jvm, read statically (no image registry or container engine here): Quarkus's
 * fast-jar layout, a non-root user, the production JVM options, the ports the service listens on, and a
 * .dockerignore that lets exactly those files into the build context.
 */
class DockerfileTest {
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final ServiceProperties SERVICE = new ServiceProperties();

    @Test
    void shouldStartFromAPinnedBaseImage() throws IOException {
        List<String> from = instructions("FROM");
        assertEquals(1, from.size(), "one stage");
        String image = from.get(0);
        String last = image.substring(image.lastIndexOf('/') + 1);
        assertTrue(last.contains(":") && !last.endsWith(":latest"), "base image pinned by tag: " + image);
    }

    @Test
    void shouldCopyTheFastJarAndTheJvmOptions() throws IOException {
        List<String> copies = instructions("COPY");
        for (String layer : List.of("target/quarkus-app/lib/ /deployments/lib/", "target/quarkus-app/*.jar /deployments/",
                "target/quarkus-app/app/ /deployments/app/", "target/quarkus-app/quarkus/ /deployments/quarkus/")) {
            assertTrue(copies.contains("--chown=185 " + layer), "fast-jar layer " + layer + " in " + copies);
        }
        assertTrue(copies.contains("--chown=185 deploy/jvm.options /deployments/jvm.options"), copies.toString());
        String package_ = SERVICE.production("quarkus.package.jar.type");
        assertTrue(package_ == null || package_.equals("fast-jar"), "the image copies a fast-jar, not " + package_);
        String options = env("JAVA_OPTS_APPEND");
        assertTrue(options.contains("@/deployments/jvm.options"), "deploy/jvm.options used: " + options);
        assertEquals("/deployments/quarkus-run.jar", env("JAVA_APP_JAR"));
        assertEquals(List.of("[ \"/opt/jboss/container/java/run/run-java.sh\" ]"), instructions("ENTRYPOINT"));
    }

    @Test
    void shouldRunAsTheNonRootUserTheManifestsName() throws IOException {
        List<String> user = instructions("USER");
        assertEquals(1, user.size());
        assertNotEquals("0", user.get(0));
        assertNotEquals("root", user.get(0));
        for (Path overlay : Manifests.overlays()) {
            for (var manifest : Manifests.parse(Manifests.render(overlay))) {
                if (manifest.model() instanceof Deployment deployment) {
                    assertEquals(Long.valueOf(user.get(0)),
                            deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser(),
                            overlay + ": runAsUser is the image's user");
                }
            }
        }
    }

    @Test
    void shouldExposeTheApiAndManagementPorts() throws IOException {
        String http = Objects.requireNonNullElse(SERVICE.production("quarkus.http.port"), "8080");
        String management = Objects.requireNonNullElse(SERVICE.production("quarkus.management.port"), "9000");
        assertEquals(List.of(http + " " + management), instructions("EXPOSE"));
    }

    @Test
    void shouldLetOnlyTheJarAndOptionsIntoTheBuildContext() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(List.of("*", "!target/quarkus-app/*", "!deploy/jvm.options"), ignore);
        assertFalse(Files.readString(DOCKERFILE).contains("sample-data"), "no test data in the image");
    }

    private static String env(String name) throws IOException {
        Pattern pattern = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"");
        for (String env : instructions("ENV")) {
            Matcher matcher = pattern.matcher(env);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no ENV " + name);
    }

    /** The arguments of every instruction of that name, comments and continuation lines joined. */
    private static List<String> instructions(String name) throws IOException {
        List<String> found = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(DOCKERFILE)) {
            if (raw.startsWith("#")) {
                continue;
            }
            line.append(raw.strip());
            if (raw.endsWith("\\")) {
                line.setLength(line.length() - 1);
                continue;
            }
            String instruction = line.toString();
            line.setLength(0);
            if (instruction.startsWith(name + " ")) {
                found.add(instruction.substring(name.length() + 1).strip());
            }
        }
        return found;
    }
}
