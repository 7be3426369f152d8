package uk.nhs.cpis.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import uk.nhs.cpis.audit.AccessEvent;

/**
 * An access event with what judging it needs, read in the same query: its key's anchor as stored
 * before this chunk (null: none), the patient's current plans, and the patient's registered name
 * and birth date (null when not in the register).
 */
public record ChunkEvent(
        AccessEvent event,
        Instant storedAnchor,
        List<LaPlan> plans,
        String patientName,
        LocalDate patientBirthDate) {
}
