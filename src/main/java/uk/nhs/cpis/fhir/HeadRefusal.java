package uk.nhs.cpis.fhir;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * HEAD is refused on every /fhir path. JAX-RS answers a HEAD by running the GET and dropping the body, so a
 * HEAD on CareTeam would record an access event (and so send an ASN) for plans nobody saw, and every other
 * read would write a security-audit line. No FHIR client needs HEAD here, so one filter before matching
 * covers every search and read, including any added later, rather than a HEAD method on each resource.
 * It runs after {@link RequestIds}, so the refusal is logged with the request id.
 */
public class HeadRefusal {
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public void refuseHead(ContainerRequestContext request, HttpServerRequest http) {
        if (HttpMethod.HEAD.equals(request.getMethod()) && http.path().startsWith("/fhir/")) {
            throw new NotAllowedException(HttpMethod.GET);
        }
    }
}
