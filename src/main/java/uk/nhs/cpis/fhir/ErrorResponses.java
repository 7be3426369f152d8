package uk.nhs.cpis.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.security.RequiredRoles;
import uk.nhs.cpis.security.TokenRefusal;

/**
 * The one exception mapper: every error leaves as an OperationOutcome on /fhir and as
 * application/problem+json elsewhere, with a catalogue code. Client errors are logged by code only;
 * server errors by exception type only, since messages (e.g. constraint details) can hold patient data.
 */
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ModeService modes;

    @ServerExceptionMapper
    public Response refused(CpisException e, UriInfo uri) {
        Response answer = respond(uri, e.code(), e.diagnostics(), e.expressions());
        return e.retryAfter().map(wait -> Response.fromResponse(answer)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))).build()).orElse(answer);
    }

    @ServerExceptionMapper
    public Response refusedAll(Violations e) {
        e.all().forEach(v -> LogRef.HTTP400.log(LOG, v.code().status(), v.code().name()));
        return Response.status(e.status()).type(Fhir.FHIR_JSON).entity(OperationOutcomes.ofAll(e.all())).build();
    }

    /**
     * A 401 says why, in the OperationOutcome and in {@code WWW-Authenticate} (RFC 6750, section 3): no token
     * gets a bare {@code Bearer} challenge (the RFC names no error then), a refused one {@code invalid_token}
     * with a fixed description (expired, wrong issuer, bad signature, a broken rule of this service).
     */
    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        boolean missing = e instanceof UnauthorizedException;
        String why = missing ? TokenRefusal.MISSING : TokenRefusal.describe(e);
        String challenge = missing ? "Bearer" : "Bearer error=\"invalid_token\", error_description=\"" + why + "\"";
        return Response.fromResponse(respond(uri, ErrorCode.UNAUTHORISED, why, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        return respond(uri, ErrorCode.FORBIDDEN, RequiredRoles.diagnostics(RequiredRoles.of(resource)), List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus's JSON body reader wraps unreadable JSON (a repeated field, a truncated body) in a bare 400.
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Set<String> allowed = new TreeSet<>(e.getResponse().getAllowedMethods());
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORISED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String diagnostics = switch (code) {
            case NOT_FOUND -> "No such resource or operation: " + uri.getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Send application/fhir+json (or application/json; "
                    + "application/fhir+ndjson for bulk patient loads).";
            case NOT_ACCEPTABLE -> "This server answers application/fhir+json or application/json.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on " + uri.getPath()
                    + (allowed.isEmpty() ? "." : "; allowed: " + String.join(", ", allowed) + ".");
            default -> code.display();
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            return serverError(e, uri);
        }
        Response answer = respond(uri, code, diagnostics, List.of());
        // A 405 says what is allowed (RFC 9110, 15.5.6) where the refusal knows it; an empty Allow would mean nothing is.
        return allowed.isEmpty() ? answer : Response.fromResponse(answer).allow(allowed).build();
    }

    // The subtypes are listed as well: Quarkus has built-in mappers for them, which would answer a bare JSON
    // body (mismatched input) or an empty 500 (a definition problem, which a request body can cause: a field
    // repeated after a record's constructor has all its arguments). Their message names our classes, so the
    // client is told only what the body did wrong.
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            InvalidDefinitionException.class })
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        String diagnostics = "The body is not valid JSON of the expected shape"
                + (e instanceof InvalidDefinitionException ? "." : ": " + e.getOriginalMessage());
        return respond(uri, ErrorCode.MALFORMED_CONTENT, diagnostics, List.of());
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        String details = String.join("; ", e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage()).sorted().toList());
        return respond(uri, ErrorCode.INVALID_REQUEST, details, List.of());
    }

    /** A write the database refused as read-only (a standby, default_transaction_read_only) is a 503, not a 500. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Jdbc.isReadOnlyRefusal(e)) {
            LogRef.MODE004.log(LOG, causeChain(e));
            return refused(modes.databaseRefusal(), uri);
        }
        return serverError(e, uri);
    }

    private Response serverError(Throwable e, UriInfo uri) {
        LogRef.HTTP500.log(LOG, causeChain(e));
        return respond(uri, ErrorCode.INTERNAL_ERROR,
                "The request could not be completed. Quote the X-Request-ID when reporting this.", List.of());
    }

    static Response respond(UriInfo uri, ErrorCode code, String diagnostics, List<String> expressions) {
        if (code.status() < 500) {
            LogRef.HTTP400.log(LOG, code.status(), code.name());
        }
        Response.ResponseBuilder builder = Response.status(code.status());
        if (code.status() == 503) {
            // A refusal that knows better (read-only mode) replaces it.
            builder.header(HttpHeaders.RETRY_AFTER, "60");
        }
        if (isFhir(uri.getPath())) {
            return builder.type(Fhir.FHIR_JSON)
                    .entity(OperationOutcomes.of(code, diagnostics, expressions)).build();
        }
        return builder.type(PROBLEM_JSON).entity(problem(code, diagnostics)).build();
    }

    /** FHIR paths answer an OperationOutcome; every other path, problem+json. */
    public static boolean isFhir(String path) {
        return path != null && path.startsWith("/fhir");
    }

    /**
     * The same answer as {@link #respond} as a content type and its JSON text, for refusals made in the
     * HTTP layer before any JAX-RS resource is reached (upload admission, an unreadable request line).
     */
    public static Rendered render(FhirContext fhir, String path, ErrorCode code, String diagnostics) {
        if (code.status() < 500) {
            LogRef.HTTP400.log(LOG, code.status(), code.name());
        }
        if (isFhir(path)) {
            return new Rendered(Fhir.FHIR_JSON, fhir.newJsonParser()
                    .encodeResourceToString(OperationOutcomes.of(code, diagnostics, List.of())));
        }
        try {
            return new Rendered(PROBLEM_JSON, JSON.writeValueAsString(problem(code, diagnostics)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    /** A refusal ready to write: its media type and body. */
    public record Rendered(String contentType, String body) {
    }

    private static Map<String, Object> problem(ErrorCode code, String diagnostics) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ErrorCode.SYSTEM + "#" + code.name());
        problem.put("title", code.display());
        problem.put("status", code.status());
        problem.put("code", code.name());
        problem.put("detail", diagnostics == null ? code.display() : diagnostics);
        return problem;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Exception types only, safe to log: messages (a database's above all) can quote patient data. */
    public static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }
}
