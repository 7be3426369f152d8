package uk.nhs.cpis.audit;

import java.time.Instant;

import org.jboss.logging.MDC;

import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/** One line of the security audit: who looked up what, with which role, and how it ended. */
public record SecurityAuditEntry(
        Instant occurredAt,
        Action action,
        Outcome outcome,
        String userId,
        String userRole,
        String orgCode,
        String nhsNumber,
        int resultCount,
        String disclosedNhsNumbers,
        String requestId) {

    /** An entry for the current caller's view, tagged with the request id so it can be matched to the logs. */
    public static SecurityAuditEntry of(Caller caller, Instant at, Action action, Outcome outcome, String nhsNumber,
            int resultCount, String disclosedNhsNumbers) {
        Object requestId = MDC.get("requestId");
        return new SecurityAuditEntry(at, action, outcome, caller.userId(), caller.viewRole(), caller.orgCode(),
                nhsNumber, resultCount, disclosedNhsNumbers, requestId == null ? null : requestId.toString());
    }

    /**
     * Whether this is the line {@code event} holds (V16): a B0107 view answered with its access event, which
     * records the same time, user, organisation and patient.
     */
    boolean isHeldBy(AccessEvent event) {
        return action == Action.DETAILS && outcome == Outcome.ANSWERED && Roles.CPIS_VIEW.equals(userRole)
                && disclosedNhsNumbers == null && occurredAt.equals(event.accessedAt())
                && userId.equals(event.userId()) && orgCode.equals(event.orgCode())
                && nhsNumber.equals(event.nhsNumber());
    }

    public enum Action {
        PATIENT_SEARCH, PRESENCE, DETAILS, PREVIOUS_VIEWS
    }

    public enum Outcome {
        /** Answered; {@code resultCount} says how many resources. */
        ANSWERED,
        /** Refused because a staff restriction names the user and the patient. */
        RESTRICTED,
        /** Refused by a rule, e.g. a search matching too many patients. */
        REFUSED
    }
}
