package uk.nhs.cpis.deploy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What the service reads, for checking the manifests against: the keys of application.properties (any
 * profile), the keys of every {@code @ConfigMapping} interface, and the few runtime keys the service takes
 * only from its environment. Runs without starting Quarkus.
 */
final class ServiceProperties {
    /** Read by the service but set nowhere in application.properties (README's configuration table). */
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("quarkus.datasource.password");
    /** Read by the image's launcher (run-java.sh of the UBI OpenJDK image), not by the service. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_OPTS");

    private final Properties file = new Properties();
    private final Set<String> keys = new TreeSet<>();

    ServiceProperties() {
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            file.load(reader);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (String key : file.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        keys.addAll(ENVIRONMENT_ONLY);
        keys.addAll(configMappingKeys());
    }

    /** Every property name the service knows (profile prefixes removed). */
    Set<String> keys() {
        return keys;
    }

    /** The property an environment variable sets, if it is one the service knows (SmallRye's mapping rule). */
    Optional<String> propertyOf(String variable) {
        return keys.stream().filter(k -> environmentName(k).equals(variable)).findFirst();
    }

    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The value the packaged jar runs with (%prod profile), or null. */
    String production(String key) {
        String value = file.getProperty("%prod." + key);
        return value != null ? value : file.getProperty(key);
    }

    private static Set<String> configMappingKeys() {
        Path classes = Path.of("target/classes");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ServiceProperties.class.getClassLoader());
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    addKeys(mapping.prefix(), type, found);
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("reading the @ConfigMapping interfaces in target/classes: " + e, e);
        }
        if (found.isEmpty()) {
            throw new AssertionError("no @ConfigMapping keys found under target/classes: compile first");
        }
        return found;
    }

    private static void addKeys(String prefix, Class<?> group, Set<String> found) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || !Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            Type generic = method.getGenericReturnType();
            if (type == Optional.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                type = c;
            }
            if (type.isInterface() && type.getPackageName().startsWith("uk.nhs.cpis")) {
                addKeys(key, type, found);
            } else {
                found.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
