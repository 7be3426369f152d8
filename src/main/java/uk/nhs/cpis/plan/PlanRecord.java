package uk.nhs.cpis.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored plan. {@code effectiveEnd} and {@code lastDisplayDay} are derived once, at upload, by
 * {@link DisplayWindow}, so that lookups select displayable plans with an index.
 */
public record PlanRecord(
        String id,
        String laCode,
        String laName,
        String nhsNumber,
        PlanType type,
        LocalDate start,
        LocalDate givenEnd,
        LocalDate effectiveEnd,
        LocalDate lastDisplayDay,
        String emergencyPhone,
        String officePhone,
        boolean withdrawn,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public PlanKey key() {
        return new PlanKey(nhsNumber, type);
    }

    public PlanRecord withdrawnAt(Instant now) {
        return new PlanRecord(id, laCode, laName, nhsNumber, type, start, givenEnd, effectiveEnd, lastDisplayDay,
                emergencyPhone, officePhone, true, version + 1, createdAt, now);
    }
}
