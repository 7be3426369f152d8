package uk.nhs.cpis.upload;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/** LA systems' batch uploads and their acknowledgements. */
@Path("/fhir")
@RolesAllowed(Roles.LA_UPLOAD)
@Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
public class UploadResource {
    @Inject
    UploadService uploads;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @POST
    @Consumes({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public Response upload(Bundle bundle, @HeaderParam("Prefer") String prefer) {
        boolean respondAsync = prefer != null && prefer.contains("respond-async");
        UploadService.Submission submission = uploads.submit(uploader(), bundle, respondAsync);
        if (submission.accepted()) {
            return stillQueued(submission.acknowledgementId());
        }
        return Response.ok(submission.acknowledgement()).build();
    }

    /** A past acknowledgement, and the status URL of a queued upload (202 until it is done). */
    @GET
    @Path("Bundle/{id}")
    public Response acknowledgement(@PathParam("id") String id) {
        return uploads.acknowledgement(caller.orgCode(), id).map(ack -> Response.ok(ack).build())
                .orElseGet(() -> stillQueued(id));
    }

    private Response stillQueued(String id) {
        OperationOutcome queued = new OperationOutcome();
        queued.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("The upload is queued; its acknowledgement will be at this Content-Location.");
        URI status = uri.getBaseUriBuilder().path("fhir/Bundle/{id}").build(id);
        return Response.accepted(queued).header("Content-Location", status).header("Retry-After", "5").build();
    }

    private Uploader uploader() {
        return new Uploader(caller.orgCode(), caller.orgName());
    }
}
