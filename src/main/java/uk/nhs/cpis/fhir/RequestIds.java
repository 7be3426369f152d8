package uk.nhs.cpis.fhir;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Accepts or makes up the request and correlation ids, puts them in the log context, echoes them. */
public class RequestIds {
    public static final String REQUEST_ID = "X-Request-ID";
    public static final String CORRELATION_ID = "X-Correlation-ID";
    // Ids are echoed and logged: anything but a plain token is replaced, so a client cannot inject data,
    // and so is one holding exactly ten digits in a row, which could be an NHS number (never logged);
    // longer runs (epoch milliseconds, say) cannot be one.
    private static final Pattern SAFE_ID = Pattern.compile("(?!.*(?<![0-9])[0-9]{10}(?![0-9]))[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void accept(ContainerRequestContext request) {
        String requestId = safeOrNew(request.getHeaderString(REQUEST_ID));
        String correlationId = safeOr(request.getHeaderString(CORRELATION_ID), requestId);
        request.setProperty(REQUEST_ID, requestId);
        request.setProperty(CORRELATION_ID, correlationId);
        MDC.put("requestId", requestId);
        MDC.put("correlationId", correlationId);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
            response.getHeaders().putSingle(CORRELATION_ID, request.getProperty(CORRELATION_ID));
        }
    }

    private static String safeOrNew(String candidate) {
        return safeOr(candidate, UUID.randomUUID().toString());
    }

    private static String safeOr(String candidate, String fallback) {
        return candidate != null && SAFE_ID.matcher(candidate).matches() ? candidate : fallback;
    }
}
