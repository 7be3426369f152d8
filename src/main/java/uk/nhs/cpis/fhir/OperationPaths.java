package uk.nhs.cpis.fhir;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * FHIR operations are addressed as {@code $name}; many HTTP clients percent-encode the dollar
 * ({@code %24name}), and resource paths are matched undecoded. Both forms reach the same operation.
 */
public class OperationPaths {
    private static final String ENCODED = "/%24";

    @ServerRequestFilter(preMatching = true)
    public void decodeOperationName(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.startsWith("/fhir/") && path.contains(ENCODED)) {
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(path.replace(ENCODED, "/$")).build());
        }
    }
}
