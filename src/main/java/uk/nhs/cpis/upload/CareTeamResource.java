package uk.nhs.cpis.upload;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;

import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.lookup.LookupMetrics;
import uk.nhs.cpis.lookup.LookupService;
import uk.nhs.cpis.plan.PlanKey;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/**
 * /fhir/CareTeam: single conditional upload and withdrawal; a search is an LA's own plan list or,
 * for clinicians, the lookup of one patient's CP information.
 */
@Path("/fhir/CareTeam")
@Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
public class CareTeamResource {
    @Inject
    UploadService uploads;
    @Inject
    PlanListService planList;
    @Inject
    LookupService lookups;
    @Inject
    LookupMetrics metrics;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @Parameter(name = "patient:identifier", in = ParameterIn.QUERY, ref = "PlanIdentifier")
    @Parameter(name = "category", in = ParameterIn.QUERY, ref = "PlanCategory")
    @PUT
    @RolesAllowed(Roles.LA_UPLOAD)
    @Consumes({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public Response put(CareTeam careTeam) {
        EntryResult result = uploads.applySingle(uploader(), key(), Optional.of(careTeam));
        return Response.status(result.status()).header("Location", AcknowledgementMapper.location(result.plan()))
                .header("ETag", "W/\"" + result.plan().version() + "\"")
                .entity(planList.read(result.plan())).build();
    }

    @Parameter(name = "patient:identifier", in = ParameterIn.QUERY, ref = "PlanIdentifier")
    @Parameter(name = "category", in = ParameterIn.QUERY, ref = "PlanCategory")
    @DELETE
    @RolesAllowed(Roles.LA_UPLOAD)
    public Response withdraw() {
        uploads.applySingle(uploader(), key(), Optional.empty());
        return Response.noContent().build();
    }

    /** One GET for both audiences, told apart by role: JAX-RS cannot route on the query string. */
    @Parameter(name = "patient:identifier", in = ParameterIn.QUERY, ref = "CareTeamLookupIdentifier")
    @Parameter(name = "_count", in = ParameterIn.QUERY, ref = "PlanListCount")
    @Parameter(name = "_cursor", in = ParameterIn.QUERY, ref = "Cursor")
    @GET
    @RolesAllowed({ Roles.LA_UPLOAD, Roles.CPIS_VIEW, Roles.CPIS_VIEW_NO_ASN })
    public Bundle search() {
        if (caller.hasRole(Roles.LA_UPLOAD)) {
            return planList.page(caller.orgCode(), uri);
        }
        return metrics.timed(LookupMetrics.Kind.CARETEAM, () -> lookups.details(uri));
    }

    private PlanKey key() {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        QueryParameters.requireEachOnce(query);
        return ConditionalUrl.parse(query.getFirst(ConditionalUrl.PATIENT), query.getFirst(ConditionalUrl.CATEGORY),
                query.keySet(), "CareTeam");
    }

    private Uploader uploader() {
        return new Uploader(caller.orgCode(), caller.orgName());
    }
}
