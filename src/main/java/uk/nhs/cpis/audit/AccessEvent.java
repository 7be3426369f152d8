package uk.nhs.cpis.audit;

import java.time.Instant;

/**
 * A B0107 view of a patient's CP information: shown to later viewers and turned into ASNs.
 * {@code id} is null until stored.
 */
public record AccessEvent(
        Long id,
        Instant accessedAt,
        String nhsNumber,
        String userId,
        String userName,
        String jobRole,
        String orgCode,
        String orgName) {
}
