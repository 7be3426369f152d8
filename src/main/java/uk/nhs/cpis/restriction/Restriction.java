package uk.nhs.cpis.restriction;

import java.time.Instant;

/**
 * A stored staff restriction: {@code userId} may not see this patient's CP information, whichever
 * organisation they act for; {@code orgCode} is the organisation that made it, the one that lists it;
 * {@code staffName} is the user's name in the staff register when it was made (null for older ones).
 */
record Restriction(
        long id,
        String orgCode,
        String userId,
        String staffName,
        String nhsNumber,
        String reason,
        String createdBy,
        Instant createdAt) {
}
