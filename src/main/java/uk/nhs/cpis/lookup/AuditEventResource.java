package uk.nhs.cpis.lookup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hl7.fhir.r4.model.Bundle;

import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.security.Roles;

/** Previous views of a patient's CP information (clinical roles). */
@Path("/fhir/AuditEvent")
@RolesAllowed({ Roles.CPIS_VIEW, Roles.CPIS_VIEW_NO_ASN })
@Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
public class AuditEventResource {
    @Inject
    LookupService lookups;
    @Inject
    LookupMetrics metrics;
    @Context
    UriInfo uri;

    @Parameter(name = "patient:identifier", in = ParameterIn.QUERY, ref = "PatientIdentifier")
    @GET
    public Bundle search() {
        return metrics.timed(LookupMetrics.Kind.AUDITEVENT, () -> lookups.previousViews(uri));
    }
}
