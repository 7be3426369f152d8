package uk.nhs.cpis.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored plan. {@code effectiveEnd} and {@code lastDisplayDay} are derived by {@link DisplayWindow}
 * at upload, and again when the register changes the birth date a projected end counts from
 * ({@link ProjectedEnds}), so that lookups select displayable plans with an index.
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

    /** This plan with its end derived again from the subject's birth date (which moves only a projected end). */
    public PlanRecord projectedFrom(LocalDate subjectBirthDate) {
        LocalDate end = DisplayWindow.effectiveEnd(type, givenEnd, subjectBirthDate);
        return new PlanRecord(id, laCode, laName, nhsNumber, type, start, givenEnd, end,
                DisplayWindow.lastDisplayDay(type, end), emergencyPhone, officePhone, withdrawn, version, createdAt,
                updatedAt);
    }

    public PlanRecord withdrawnAt(Instant now) {
        return new PlanRecord(id, laCode, laName, nhsNumber, type, start, givenEnd, effectiveEnd, lastDisplayDay,
                emergencyPhone, officePhone, true, version + 1, createdAt, now);
    }
}
