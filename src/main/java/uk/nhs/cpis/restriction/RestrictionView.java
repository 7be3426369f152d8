package uk.nhs.cpis.restriction;

import java.time.Instant;
import java.util.List;

/** A restriction as the privacy officer sees it, with the lookups it has blocked, newest first. */
public record RestrictionView(
        long id,
        String orgCode,
        String nhsNumber,
        String userId,
        String reason,
        String createdBy,
        Instant createdAt,
        List<Attempt> blockedAttempts) {

    public record Attempt(Instant attemptedAt, String action) {
    }

    static RestrictionView of(Restriction r, List<BlockedAttempt> attempts) {
        return new RestrictionView(r.id(), r.orgCode(), r.nhsNumber(), r.userId(), r.reason(), r.createdBy(),
                r.createdAt(), attempts.stream().map(a -> new Attempt(a.attemptedAt(), a.action())).toList());
    }
}
