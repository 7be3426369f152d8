package uk.nhs.cpis.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.ExecutorRecorder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.ErrorResponses;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.FhirApiConfig;
import uk.nhs.cpis.fhir.OperationOutcomes;

/**
 * Admits requests with a body before any resource sees them. A blocking JAX-RS method reads its body on
 * a worker thread, so clients trickling bodies byte by byte once held every worker and starved lookups
 * and health. Here, on the event loop: at most {@link HttpConfig#maxConcurrentUploads()} such requests
 * are in progress (and {@link HttpConfig#maxConcurrentUploadsPerOrg()} per organisation), others are
 * answered 429 with Retry-After; an admitted body is read whole without a worker thread, within
 * {@link HttpConfig#bodyTimeout()} (else 408) and the body limit (else 413), and only then handed to
 * the resource. Workers left for requests without a body (lookups, searches, health) are never fewer
 * than half the pool. The NDJSON register load, streamed by its resource, is admitted but not buffered.
 */
@ApplicationScoped
public class UploadAdmission {
    /** The allowance shared by requests whose token names no organisation or fails verification. */
    static final String UNVERIFIED = "";

    private final AtomicInteger inProgress = new AtomicInteger();
    private final Map<String, Integer> perOrg = new ConcurrentHashMap<>();

    @Inject
    HttpConfig config;
    @Inject
    FhirApiConfig api;
    @Inject
    JWTParser tokens;
    @Inject
    FhirContext fhir;

    void checkPool(@Observes StartupEvent start) {
        int workers = ExecutorRecorder.calculateMaxThreads();
        int threads = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.thread-pool.max-threads", Integer.class).orElse(workers);
        if (config.maxConcurrentUploads() < 1 || config.maxConcurrentUploadsPerOrg() < 1
                || 2 * config.maxConcurrentUploads() > threads) {
            throw new IllegalStateException("cpis.http.max-concurrent-uploads (" + config.maxConcurrentUploads()
                    + ") and its per-organisation bound must be at least 1, and at most half the worker pool ("
                    + threads + " threads, quarkus.thread-pool.max-threads), so lookups and health keep the rest");
        }
        // Refusals are written on the event loop: HAPI's first encoding of an OperationOutcome reads its
        // definitions (seconds on a busy machine), so it is done here rather than by the first refusal.
        fhir.newJsonParser().encodeResourceToString(
                OperationOutcomes.of(ErrorCode.TOO_MANY_UPLOADS, null, java.util.List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::admit);
    }

    void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!hasBody(request)) {
            context.next();
            return;
        }
        String org = organisation(request);
        if (!acquire(org)) {
            String scope = UNVERIFIED.equals(org) ? "in total or for unverified tokens" : "in total or for " + org;
            refuse(context, ErrorCode.TOO_MANY_UPLOADS, "Too many requests with a body are in progress " + scope
                    + ". Try again after " + config.retryAfter().toSeconds() + " seconds.");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                release(org);
            }
        };
        // Called when the answer is sent, and also when the connection closes first.
        context.addEndHandler(done -> release.run());
        if (isStreamed(request)) {
            context.next();
            return;
        }
        long declared = contentLength(request);
        if (declared > api.maxBodyBytes()) {
            refuse(context, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        readWhole(context);
    }

    private void readWhole(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = context.vertx().setTimer(Math.max(1, config.bodyTimeout().toMillis()), fired -> {
            if (settled.compareAndSet(false, true)) {
                refuse(context, ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive within "
                        + config.bodyTimeout().toSeconds() + " seconds; the connection is closed.");
            }
        });
        context.addEndHandler(done -> context.vertx().cancelTimer(timer));
        request.handler(chunk -> {
            if (settled.get()) {
                return;
            }
            if ((long) body.length() + chunk.length() > api.maxBodyBytes()) {
                settled.set(true);
                context.vertx().cancelTimer(timer);
                refuse(context, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (settled.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(ended -> {
            if (settled.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                ((RoutingContextInternal) context).setBody(body);
                context.next();
            }
        });
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private String tooLarge() {
        return "The request body is larger than the limit of " + api.maxBodyBytes() + " bytes.";
    }

    /** Answers from the HTTP layer and closes the connection: the rest of the body is never read. */
    private void refuse(RoutingContext context, ErrorCode code, String diagnostics) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        ErrorResponses.Rendered answer = ErrorResponses.render(fhir, context.request().path(), code, diagnostics);
        response.setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        if (code == ErrorCode.TOO_MANY_UPLOADS) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, config.retryAfter().toSeconds())));
        }
        response.end(answer.body()).onComplete(sent -> context.request().connection().close());
    }

    private boolean acquire(String org) {
        boolean[] admitted = { false };
        perOrg.compute(org, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= config.maxConcurrentUploadsPerOrg()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            return false;
        }
        if (inProgress.incrementAndGet() > config.maxConcurrentUploads()) {
            inProgress.decrementAndGet();
            release(org, false);
            return false;
        }
        return true;
    }

    private void release(String org) {
        release(org, true);
    }

    private void release(String org, boolean counted) {
        if (counted) {
            inProgress.decrementAndGet();
        }
        perOrg.computeIfPresent(org, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** The organisation of a verifiable bearer token, else {@link #UNVERIFIED}; the resource checks it again. */
    private String organisation(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return UNVERIFIED;
        }
        try {
            Object org = tokens.parse(authorization.substring(7).trim()).getClaim("org");
            String code = org instanceof JsonString json ? json.getString() : org == null ? null : org.toString();
            return code == null || code.isBlank() ? UNVERIFIED : code;
        } catch (Exception refused) {
            return UNVERIFIED;
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || contentLength(request) > 0;
    }

    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isStreamed(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(Fhir.FHIR_NDJSON);
    }
}
