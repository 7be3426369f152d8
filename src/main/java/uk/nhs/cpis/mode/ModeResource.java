package uk.nhs.cpis.mode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import uk.nhs.cpis.db.StoredText;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/** The service mode (cpis-admin): read-only refuses every write on every instance (spec section 7). */
@Path(WriteGuard.MODE_PATH)
@RolesAllowed(Roles.CPIS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ModeResource {
    // Width of service_mode.reason (migration V8).
    private static final int REASON_WIDTH = 500;

    /** The body of PUT; until is text, so that a number is refused rather than read as seconds since 1970. */
    public record ModeRequest(
            @NotNull @Pattern(regexp = ServiceMode.READ_ONLY + "|" + ServiceMode.READ_WRITE) String mode,
            String reason,
            String until) {
    }

    /** The mode as GET and PUT answer it. */
    public record ModeView(String mode, String reason, Instant until, Instant changedAt, String changedBy) {
        static ModeView of(ServiceMode mode) {
            return new ModeView(mode.name(), mode.reason(), mode.until(), mode.changedAt(), mode.changedBy());
        }
    }

    @Inject
    ModeService modes;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @GET
    public ModeView get() {
        QueryParameters.requireNone(uri.getQueryParameters());
        return ModeView.of(modes.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ModeView put(@NotNull @Valid ModeRequest request) {
        QueryParameters.requireNone(uri.getQueryParameters());
        boolean readOnly = ServiceMode.READ_ONLY.equals(request.mode());
        if (readOnly && (request.reason() == null || request.reason().isBlank())) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "A reason is required to switch to read-only: "
                    + "refused writers are told it.", "reason");
        }
        String problem = readOnly ? StoredText.problem(request.reason(), REASON_WIDTH) : null;
        if (problem != null) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "reason " + problem + ".", "reason");
        }
        return ModeView.of(modes.switchTo(readOnly, readOnly ? request.reason().strip() : null,
                readOnly ? until(request.until()) : null, caller.userId()));
    }

    private static Instant until(String until) {
        if (until == null) {
            return null;
        }
        try {
            return Instant.parse(until);
        } catch (DateTimeParseException e) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "until must be an instant such as "
                    + "2026-12-05T09:00:00Z.", "until");
        }
    }
}
