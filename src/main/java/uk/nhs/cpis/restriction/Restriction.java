package uk.nhs.cpis.restriction;

import java.time.Instant;

/**
 * A stored staff restriction: {@code userId} may not see this patient's CP information, whichever
 * organisation they act for; {@code orgCode} is the organisation that made it, the one that lists and removes it.
 */
record Restriction(
        long id,
        String orgCode,
        String userId,
        String nhsNumber,
        String reason,
        String createdBy,
        Instant createdAt) {
}
