package uk.nhs.cpis.restriction;

import java.time.Instant;

/** A lookup refused by a restriction. */
record BlockedAttempt(long restrictionId, Instant attemptedAt, String action) {
}
