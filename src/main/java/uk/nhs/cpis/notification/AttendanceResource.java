package uk.nhs.cpis.notification;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.notification.restriction.LaRestrictionPolicy;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/**
 * {@code GET /api/attendance?nhsNumber=}: a child's attendance timeline and pattern flags, for the LA's
 * social workers and its systems; built from the LA's own ASNs as the caller may see them (LA restrictions
 * apply), so it tells nothing another LA holds.
 */
@Path("/api/attendance")
@RolesAllowed({ Roles.LA_SOCIAL_WORKER, Roles.LA_UPLOAD })
@Produces(MediaType.APPLICATION_JSON)
public class AttendanceResource {
    static final String NHS_NUMBER = "nhsNumber";

    @Inject
    AttendanceService attendance;
    @Inject
    LaRestrictionPolicy policy;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @GET
    public AttendanceView attendance(@QueryParam(NHS_NUMBER) String nhsNumber) {
        QueryParameters.requireKnown(uri.getQueryParameters().keySet(), Set.of(NHS_NUMBER),
                "The attendance summary takes nhsNumber.");
        QueryParameters.requireEachOnce(uri.getQueryParameters());
        if (nhsNumber == null || nhsNumber.isBlank()) {
            throw new CpisException(ErrorCode.INVALID_PARAMETER, "Give the child's nhsNumber.", NHS_NUMBER);
        }
        PatientMapper.requireValid(nhsNumber.trim(), NHS_NUMBER);
        return attendance.attendance(policy.viewer(caller), nhsNumber.trim());
    }
}
