package uk.nhs.cpis.http;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.ErrorResponses;

/**
 * Refuses a request whose URI is not a valid URI (RFC 3986) before anything else reads it, with an answer
 * that says what to do. Quarkus makes the same check in its HTTP layer but answers an empty 400, which left
 * integrators sending {@code patient:identifier=...|9434765919} with a raw {@code |} (as FHIR documents
 * print it) to guess. The JVM option {@code -Dvertx.disableURIValidation=true} (deploy/jvm.options, the
 * test and dev JVMs) hands the check to this handler; without it Quarkus's own check still refuses first,
 * so the URI is validated either way and only the answer differs.
 */
@ApplicationScoped
public class RequestLineCheck {
    @Inject
    FhirContext fhir;

    void install(@Observes Router router) {
        // After Quarkus's header filters (security headers, no-store), before everything that reads the URI.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1).handler(this::check);
    }

    void check(RoutingContext context) {
        String uri = context.request().uri();
        try {
            new URI(uri);
            context.next();
        } catch (URISyntaxException invalid) {
            ErrorResponses.Rendered answer = ErrorResponses.render(fhir, context.request().path(),
                    ErrorCode.INVALID_REQUEST, diagnostics(uri, invalid.getIndex()));
            context.response().setStatusCode(ErrorCode.INVALID_REQUEST.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType()).end(answer.body());
        }
    }

    /** Names the character and its escape, never the URI itself: its query can hold an NHS number. */
    static String diagnostics(String uri, int index) {
        if (index < 0 || index >= uri.length()) {
            return "The request URI is not a valid URI (RFC 3986).";
        }
        char bad = uri.charAt(index);
        String escape = bad < 0x80 ? String.format("%%%02X", (int) bad) : "its UTF-8 bytes, each as %XX";
        return "The request URI contains the character '" + bad + "' (at position " + (index + 1)
                + "), which must be percent-encoded: send it as " + escape + ", e.g. patient:identifier="
                + "https://fhir.nhs.uk/Id/nhs-number%7C9434765919. FHIR clients and curl --data-urlencode do this.";
    }
}
