package uk.nhs.cpis.restriction;

import java.time.Instant;

/** A blocked attempt as the privacy officer lists it, kept after its restriction is removed. */
public record BlockedAttemptView(
        long restrictionId,
        boolean restrictionInForce,
        String nhsNumber,
        String userId,
        Instant attemptedAt,
        String action) {

    static BlockedAttemptView of(BlockedAttempt a) {
        return new BlockedAttemptView(a.restrictionId(), a.restrictionInForce(), a.nhsNumber(), a.userId(),
                a.attemptedAt(), a.action());
    }
}
