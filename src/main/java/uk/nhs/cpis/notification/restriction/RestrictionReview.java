package uk.nhs.cpis.notification.restriction;

import java.time.Instant;

/** A recorded review of a restriction: kept in force, or lifted. */
public record RestrictionReview(
        String id,
        String restrictionId,
        Instant reviewedAt,
        String reviewedBy,
        String reviewedByName,
        String reviewedByRole,
        Outcome outcome,
        String note) {

    public enum Outcome {
        KEEP, LIFT
    }
}
