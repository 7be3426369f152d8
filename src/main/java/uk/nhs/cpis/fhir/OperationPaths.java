package uk.nhs.cpis.fhir;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * FHIR operations are addressed as {@code $name}; many HTTP clients percent-encode the dollar
 * ({@code %24name}), and resource paths are matched undecoded. Both forms reach the same operation.
 */
public class OperationPaths {
    private static final String ENCODED = "/%24";

    @ServerRequestFilter(preMatching = true)
    public void decodeOperationName(ContainerRequestContext request, HttpServerRequest http) {
        // The raw path as received, read without building a URI: this filter sees every request.
        String path = http.path();
        if (path != null && path.startsWith("/fhir/") && path.contains(ENCODED)) {
            URI uri = request.getUriInfo().getRequestUri();
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(uri.getRawPath().replace(ENCODED, "/$")).build());
        }
    }
}
