package uk.nhs.cpis.fhir;

import java.util.ArrayList;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps request paths out of the HTTP metrics where Quarkus has no route template for them. A request
 * that matches no method (405, such as a FHIR read {@code GET /fhir/Patient/{nhsNumber}} this API does
 * not offer) is tagged with its raw path: an NHS number in /q/metrics, which monitoring scrapes and
 * keeps, and one meter per distinct path until the tag limit drops the real routes' meters. Those
 * get one tag value. Any other label that is not one of this service's route templates (a path
 * holding a NUL byte once put a patient's name and birth date there) shares the value UNMATCHED.
 */
@Singleton
public class HttpMetricTags {
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    private static final String REQUESTS = "http.server.requests";
    private static final String URI = "uri";
    /** What every request without a route template shares (a path holding a NUL byte, say). */
    static final String UNMATCHED = "UNMATCHED";
    /** Labels Quarkus itself gives to requests that match no route. */
    private static final Set<String> QUARKUS_LABELS = Set.of("NOT_FOUND", "REDIRECTION", "root", "/");
    /** Quarkus's own endpoints under /q. */
    private static final Pattern MANAGEMENT = Pattern.compile(
            "/q/(health(/(live|ready|started|group|well))?|metrics|openapi|swagger-ui)");

    @Inject
    BeanManager beans;
    private volatile Set<String> templates;

    @Produces
    @Singleton
    MeterFilter pathsOutOfRequestMetrics() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag(URI);
                if (!REQUESTS.equals(id.getName()) || uri == null) {
                    return id;
                }
                String safe = "405".equals(id.getTag("status")) ? METHOD_NOT_ALLOWED
                        : isRouteTemplate(uri) ? uri : UNMATCHED;
                return safe.equals(uri) ? id : id.replaceTags(withUri(id, safe));
            }
        };
    }

    /** A template of one of this service's routes, or a label Quarkus gives to requests without one. */
    private boolean isRouteTemplate(String uri) {
        return QUARKUS_LABELS.contains(uri) || uri.startsWith("/q/") && MANAGEMENT.matcher(uri).matches()
                || templates().contains(uri);
    }

    /** Every JAX-RS route template: each resource class's @Path joined to each of its methods'. */
    private Set<String> templates() {
        Set<String> known = templates;
        if (known == null) {
            Set<String> found = new HashSet<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path root = bean.getBeanClass().getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                String base = join("", root.value());
                found.add(base);
                for (Method method : bean.getBeanClass().getMethods()) {
                    Path sub = method.getAnnotation(Path.class);
                    if (sub != null) {
                        found.add(join(base, sub.value()));
                    }
                }
            }
            templates = known = Set.copyOf(found);
        }
        return known;
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<Tag> withUri(Meter.Id id, String uri) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(URI.equals(tag.getKey()) ? Tag.of(URI, uri) : tag);
        }
        return tags;
    }
}
