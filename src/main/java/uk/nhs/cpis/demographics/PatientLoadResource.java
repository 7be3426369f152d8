package uk.nhs.cpis.demographics;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.ndjson.LoadReport;
import uk.nhs.cpis.security.Roles;

/** Bulk loading of the register from NDJSON, streamed (cpis-admin). */
@Path("/api/admin/patients")
@RolesAllowed(Roles.CPIS_ADMIN)
public class PatientLoadResource {
    @Inject
    DemographicsService demographics;

    @POST
    @Consumes(Fhir.FHIR_NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public LoadReport load(InputStream body) {
        return demographics.load(body);
    }
}
