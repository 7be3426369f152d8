package uk.nhs.cpis.restriction;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.security.Roles;

/** Staff restrictions of the caller's own healthcare organisation (privacy-officer). */
@Path("/api/restrictions")
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class RestrictionResource {
    @Inject
    RestrictionService restrictions;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull NewRestriction request) {
        RestrictionView added = restrictions.add(request);
        return Response.created(URI.create("/api/restrictions/" + added.id())).entity(added).build();
    }

    /** The organisation's own restrictions; with nhsNumber, every restriction on that patient's record. */
    @GET
    public List<RestrictionView> list(@QueryParam("nhsNumber") String nhsNumber) {
        QueryParameters.requireKnown(uri.getQueryParameters().keySet(), Set.of("nhsNumber"),
                "Restrictions take only nhsNumber=<NHS number>.");
        QueryParameters.requireEachOnce(uri.getQueryParameters());
        return nhsNumber == null ? restrictions.list() : restrictions.onPatient(nhsNumber.trim());
    }

    /** Kept after a restriction is removed, for cpis.retention.audit (they are audit records). */
    @GET
    @Path("blocked-attempts")
    public List<BlockedAttemptView> blockedAttempts(@QueryParam("nhsNumber") String nhsNumber) {
        QueryParameters.requireKnown(uri.getQueryParameters().keySet(), Set.of("nhsNumber"),
                "Blocked attempts take only nhsNumber=<NHS number>.");
        QueryParameters.requireEachOnce(uri.getQueryParameters());
        return restrictions.blockedAttempts(nhsNumber);
    }

    @GET
    @Path("{id}")
    public RestrictionView get(@PathParam("id") long id) {
        QueryParameters.requireNone(uri.getQueryParameters());
        return restrictions.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") long id) {
        restrictions.remove(id);
        return Response.noContent().build();
    }
}
