package uk.nhs.cpis.staff;

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

/** Bulk loading of the staff register from NDJSON, one PractitionerRole per line, streamed (cpis-admin). */
@Path("/api/admin/staff")
@RolesAllowed(Roles.CPIS_ADMIN)
public class StaffLoadResource {
    @Inject
    StaffService staff;

    @POST
    @Consumes(Fhir.FHIR_NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public LoadReport load(InputStream body) {
        return staff.load(body);
    }
}
