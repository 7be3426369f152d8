package uk.nhs.cpis.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.notification.restriction.LaRestrictionPolicy;
import uk.nhs.cpis.notification.restriction.Viewer;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/**
 * /fhir/Communication: the LA feed of notifications, and $acknowledge (own LA only). An LA's upload
 * system reads the feed but does not acknowledge (spec section 1): acknowledging is a social worker's
 * act, and the upload system sees every restricted child's notifications.
 */
@Path("/fhir/Communication")
@RolesAllowed({ Roles.LA_SOCIAL_WORKER, Roles.LA_UPLOAD })
@Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
public class NotificationResource {
    static final String COMMUNICATION = "communication";
    static final String BATCH = "batch";

    @Inject
    NotificationService notifications;
    @Inject
    LaRestrictionPolicy policy;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @Parameter(name = "category", in = ParameterIn.QUERY, ref = "FeedCategory")
    @Parameter(name = "batch", in = ParameterIn.QUERY, ref = "FeedBatch")
    @Parameter(name = "acknowledged", in = ParameterIn.QUERY, ref = "FeedAcknowledged")
    @Parameter(name = "_count", in = ParameterIn.QUERY, ref = "FeedCount")
    @Parameter(name = "_cursor", in = ParameterIn.QUERY, ref = "Cursor")
    @GET
    public Bundle search() {
        return notifications.search(viewer(), uri);
    }

    @GET
    @Path("{id}")
    public Communication read(@PathParam("id") String id) {
        QueryParameters.requireNone(uri.getQueryParameters());
        return notifications.read(viewer(), id);
    }

    @POST
    @Path("$acknowledge")
    @RolesAllowed(Roles.LA_SOCIAL_WORKER)
    @Consumes({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public Parameters acknowledge(Parameters parameters) {
        long acknowledged = notifications.acknowledge(viewer(),
                new Acknowledger(caller.userId(), caller.name(), caller.jobRole()), parse(parameters));
        Parameters result = new Parameters();
        result.addParameter().setName("acknowledged").setValue(new IntegerType(Math.toIntExact(acknowledged)));
        return result;
    }

    private Viewer viewer() {
        return policy.viewer(caller);
    }

    /** Repeated {@code communication} references, or one {@code batch}; anything else is refused. */
    static NotificationService.Acknowledge parse(Parameters parameters) {
        if (parameters == null || parameters.getParameter().isEmpty()) {
            throw invalid("Give the notifications to acknowledge: repeated 'communication' (valueReference "
                    + "Communication/{id}) or one 'batch' (valueString, a batch run id).", "Parameters.parameter");
        }
        Set<String> ids = new LinkedHashSet<>();
        String batch = null;
        List<ParametersParameterComponent> given = parameters.getParameter();
        for (int i = 0; i < given.size(); i++) {
            ParametersParameterComponent parameter = given.get(i);
            String at = "Parameters.parameter[" + i + "]";
            if (COMMUNICATION.equals(parameter.getName()) && parameter.getValue() instanceof Reference reference) {
                IIdType id = reference.getReferenceElement();
                if (!"Communication".equals(id.getResourceType()) || !id.hasIdPart()) {
                    throw invalid("A 'communication' must reference Communication/{id}.", at + ".valueReference");
                }
                ids.add(id.getIdPart());
            } else if (BATCH.equals(parameter.getName()) && parameter.getValue() instanceof StringType value
                    && value.hasValue() && !value.getValue().isBlank() && batch == null) {
                batch = value.getValue().trim();
            } else {
                throw invalid("Unexpected parameter: only repeated 'communication' (valueReference) or one 'batch' "
                        + "(valueString).", at);
            }
        }
        if (batch != null && !ids.isEmpty()) {
            throw invalid("Give either 'communication' references or one 'batch', not both.", "Parameters.parameter");
        }
        return batch != null ? new NotificationService.Acknowledge.Batch(batch)
                : new NotificationService.Acknowledge.Listed(ids);
    }

    private static CpisException invalid(String diagnostics, String location) {
        return new CpisException(ErrorCode.INVALID_REQUEST, diagnostics, location);
    }
}
