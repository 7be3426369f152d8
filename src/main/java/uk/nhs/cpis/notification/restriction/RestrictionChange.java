package uk.nhs.cpis.notification.restriction;

import java.time.Instant;
import java.util.List;

/** A recorded change of a restriction's named users and teams. */
public record RestrictionChange(
        String id,
        String restrictionId,
        Instant changedAt,
        String changedBy,
        String changedByName,
        List<String> usersBefore,
        List<String> usersAfter,
        String note) {
}
