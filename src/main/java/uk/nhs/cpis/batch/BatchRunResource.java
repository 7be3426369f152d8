package uk.nhs.cpis.batch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.security.Roles;

/** Batch runs on demand, and every run's outcome (cpis-admin). */
@Path("/api/batch-runs")
@RolesAllowed(Roles.CPIS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class BatchRunResource {
    private static final String EXPECTED_BODY = "The body must be empty or {\"cutoff\": \"<ISO instant>\"}";

    /** The optional body of POST: the cut-off, an ISO instant. */
    public record StartRequest(Instant cutoff) {
    }

    @Inject
    BatchService batches;
    @Inject
    BatchConfig config;
    @Inject
    ObjectMapper json;
    @Context
    UriInfo uri;

    /**
     * 201 with the finished run when it ends within the configured wait, else (or with
     * {@code Prefer: respond-async}) 202 with the run still working; 409 while another run works.
     */
    @POST
    public Response start(String body, @HeaderParam("Prefer") String prefer) throws InterruptedException {
        BatchService.Started started = batches.start(cutoff(body), BatchRun.Trigger.ON_DEMAND);
        URI location = uri.getBaseUriBuilder().path("api/batch-runs/{id}").build(started.run().id());
        boolean respondAsync = prefer != null && prefer.contains("respond-async");
        if (!respondAsync) {
            try {
                BatchRun finished = started.finished().get(config.respondWithin().toMillis(), TimeUnit.MILLISECONDS);
                return Response.created(location).entity(BatchRunView.of(finished)).build();
            } catch (TimeoutException e) {
                // Still working: answered below.
            } catch (ExecutionException e) {
                throw new IllegalStateException("batch run " + started.run().id() + " did not record its end", e);
            }
        }
        return Response.accepted(BatchRunView.of(started.run())).location(location).header("Retry-After", "5").build();
    }

    // The body is optional, so it is read as text: an absent body has no content type to pick a reader by.
    private Optional<Instant> cutoff(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        StartRequest request;
        try {
            JsonNode tree = json.readTree(body);
            // Jackson would read a number as seconds since 1970: the cut-off must be written as an instant.
            JsonNode cutoff = tree.get("cutoff");
            if (cutoff != null && !cutoff.isTextual() && !cutoff.isNull()) {
                throw new CpisException(ErrorCode.MALFORMED_CONTENT, EXPECTED_BODY + ": cutoff is not a string.");
            }
            request = json.treeToValue(tree, StartRequest.class);
        } catch (JsonProcessingException e) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, EXPECTED_BODY + ": " + e.getOriginalMessage());
        }
        // A JSON null is a body, not an absent one: it must not start a run.
        if (request == null) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, EXPECTED_BODY + ".");
        }
        return Optional.ofNullable(request.cutoff());
    }

    @GET
    public List<BatchRunView> list() {
        QueryParameters.requireNone(uri.getQueryParameters());
        return batches.latest().stream().map(BatchRunView::of).toList();
    }

    @GET
    @Path("{id}")
    public BatchRunView one(@PathParam("id") String id) {
        QueryParameters.requireNone(uri.getQueryParameters());
        return batches.find(id).map(BatchRunView::of)
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No batch run " + id + "."));
    }
}
