package uk.nhs.cpis.restriction;

import java.time.Instant;
import java.util.List;

/**
 * A restriction as a privacy officer sees it. One the officer's organisation manages (made it, or the
 * staff member works there) comes whole, with the lookups it has blocked, newest first; another
 * organisation's, listed on a patient's record, shows who is restricted, when and by which organisation,
 * but not its reason, maker or attempts.
 */
public record RestrictionView(
        long id,
        String orgCode,
        String nhsNumber,
        String userId,
        String staffName,
        String reason,
        String createdBy,
        Instant createdAt,
        boolean managedByYou,
        List<Attempt> blockedAttempts) {

    public record Attempt(Instant attemptedAt, String action) {
    }

    static RestrictionView of(Restriction r, List<BlockedAttempt> attempts) {
        return new RestrictionView(r.id(), r.orgCode(), r.nhsNumber(), r.userId(), r.staffName(), r.reason(),
                r.createdBy(), r.createdAt(), true,
                attempts.stream().map(a -> new Attempt(a.attemptedAt(), a.action())).toList());
    }

    static RestrictionView elsewhere(Restriction r) {
        return new RestrictionView(r.id(), r.orgCode(), r.nhsNumber(), r.userId(), r.staffName(), null, null,
                r.createdAt(), false, List.of());
    }
}
