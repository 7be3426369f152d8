package uk.nhs.cpis.mode;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * While the service is read-only, refuses every write to /fhir and /api (every method but GET, HEAD and
 * OPTIONS) before matching, so no resource, present or added later, applies any of it. The one exception is
 * the switch itself, or read-only mode could never be ended. Lookups are GETs: they keep answering, and their
 * views are still recorded. It runs after the request ids are taken, so the refusal carries them.
 */
public class WriteGuard {
    static final String MODE_PATH = "/api/admin/mode";
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    ModeService modes;

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 2)
    public void refuseWrites(ContainerRequestContext request, HttpServerRequest http) {
        String method = request.getMethod();
        if (READS.contains(method) || !isGuarded(http.path()) || isModeSwitch(method, http.path())) {
            return;
        }
        modes.requireWritable();
    }

    private static boolean isGuarded(String path) {
        return path.equals("/fhir") || path.startsWith("/fhir/") || path.equals("/api") || path.startsWith("/api/");
    }

    private static boolean isModeSwitch(String method, String path) {
        return HttpMethod.PUT.equals(method) && (path.equals(MODE_PATH) || path.equals(MODE_PATH + "/"));
    }
}
