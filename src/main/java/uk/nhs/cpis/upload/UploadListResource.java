package uk.nhs.cpis.upload;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/** {@code GET /api/uploads}: the caller's LA's recent uploads, newest first, counted by outcome. */
@Path("/api/uploads")
@RolesAllowed(Roles.LA_UPLOAD)
@Produces(MediaType.APPLICATION_JSON)
public class UploadListResource {
    @Inject
    UploadHistory history;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @GET
    public List<UploadSummary> recent() {
        QueryParameters.requireNone(uri.getQueryParameters());
        return history.recent(caller.orgCode());
    }
}
