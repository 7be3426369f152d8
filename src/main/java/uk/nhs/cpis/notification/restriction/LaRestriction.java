package uk.nhs.cpis.notification.restriction;

import java.time.Instant;
import java.util.List;

/**
 * A restriction on who in an LA sees a child's notifications, with its record (seed 000): who requested
 * and authorised it and the manager responsible (each may be null). {@code users} are user ids and
 * teams ({@code team:<name>}).
 */
public record LaRestriction(
        String id,
        String laCode,
        String nhsNumber,
        RestrictionKind kind,
        List<String> users,
        String reason,
        String createdBy,
        String createdByName,
        Instant createdAt,
        Instant lastReviewedAt,
        Instant liftedAt,
        String liftedBy,
        LaPerson requestedBy,
        LaPerson authorisedBy,
        LaPerson responsibleManager) {

    public boolean inForce() {
        return liftedAt == null;
    }

    public LaRestriction withUsers(List<String> named) {
        return new LaRestriction(id, laCode, nhsNumber, kind, named, reason, createdBy, createdByName, createdAt,
                lastReviewedAt, liftedAt, liftedBy, requestedBy, authorisedBy, responsibleManager);
    }
}
