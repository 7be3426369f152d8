package uk.nhs.cpis.demographics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.lookup.LookupMetrics;
import uk.nhs.cpis.security.Roles;

/** The register's FHIR Patient endpoint: loading (cpis-admin) and search (clinical roles). */
@Path("/fhir/Patient")
public class PatientResource {
    @Inject
    DemographicsService demographics;
    @Inject
    PatientRepository patients;
    @Inject
    PatientSearchService search;
    @Inject
    LookupMetrics metrics;
    @Context
    UriInfo uri;

    @Parameter(name = "identifier", in = ParameterIn.QUERY, ref = "PatientSearchIdentifier")
    @Parameter(name = "family", in = ParameterIn.QUERY, ref = "Family")
    @Parameter(name = "given", in = ParameterIn.QUERY, ref = "Given")
    @Parameter(name = "gender", in = ParameterIn.QUERY, ref = "Gender")
    @Parameter(name = "birthdate", in = ParameterIn.QUERY, ref = "Birthdate")
    @Parameter(name = "address-postalcode", in = ParameterIn.QUERY, ref = "Postcode")
    @Parameter(name = "_fuzzy-match", in = ParameterIn.QUERY, ref = "FuzzyMatch")
    @Parameter(name = "_max-results", in = ParameterIn.QUERY, ref = "MaxResults")
    @GET
    @RolesAllowed({ Roles.CPIS_VIEW, Roles.CPIS_VIEW_NO_ASN })
    @Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public Bundle search() {
        return metrics.timed(LookupMetrics.Kind.PATIENT_SEARCH, () -> search.search(uri));
    }

    @PUT
    @Path("{nhsNumber}")
    @RolesAllowed(Roles.CPIS_ADMIN)
    @Consumes({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    @Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public Response put(@PathParam("nhsNumber") String nhsNumber, Patient patient) {
        boolean created = demographics.register(nhsNumber, patient);
        Patient stored = PatientMapper.toPatient(patients.find(nhsNumber).orElseThrow());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .header("Location", "Patient/" + nhsNumber).entity(stored).build();
    }
}
