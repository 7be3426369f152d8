package uk.nhs.cpis.restriction;

import java.time.Instant;

/** A stored staff restriction: {@code userId}, acting for {@code orgCode}, may not see this patient's CP information. */
record Restriction(
        long id,
        String orgCode,
        String userId,
        String nhsNumber,
        String reason,
        String createdBy,
        Instant createdAt) {
}
