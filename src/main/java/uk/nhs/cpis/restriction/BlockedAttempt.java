package uk.nhs.cpis.restriction;

import java.time.Instant;

/** A lookup refused by a restriction: who was refused which patient, and whether the restriction still stands. */
record BlockedAttempt(long restrictionId, Instant attemptedAt, String action, String nhsNumber, String userId,
        boolean restrictionInForce) {
}
