package uk.nhs.cpis.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import uk.nhs.cpis.demographics.PatientRecord;

/**
 * A notification to one LA. The patient and access details are a snapshot taken when it was made:
 * the LA sees what the clinician saw, even if the register changes later. The access fields are set
 * for ASNs only; {@code relatedNhsNumber} is the newborn's (birth) or the replacing (inactive) number;
 * {@code acknowledgedBy} is set with {@code acknowledgedAt}.
 */
public record NotificationRecord(
        String id,
        String laCode,
        String laName,
        Category category,
        String batchRunId,
        Long accessEventId,
        String nhsNumber,
        String patientName,
        LocalDate patientBirthDate,
        Instant accessedAt,
        String userId,
        String userName,
        String jobRole,
        String orgCode,
        String orgName,
        String relatedNhsNumber,
        Instant createdAt,
        Instant acknowledgedAt,
        Acknowledger acknowledgedBy) {

    /** An ASN: the access as recorded, the patient as registered (name and birth date). */
    public static NotificationRecord asn(String laCode, String laName, String batchRunId, long accessEventId,
            Instant accessedAt, String userId, String userName, String jobRole, String orgCode, String orgName,
            String nhsNumber, String patientName, LocalDate patientBirthDate, Instant createdAt) {
        return new NotificationRecord(timeOrderedId(createdAt), laCode, laName, Category.ASN, batchRunId,
                accessEventId, nhsNumber, patientName, patientBirthDate, accessedAt, userId, userName, jobRole,
                orgCode, orgName, null, createdAt, null, null);
    }

    /**
     * A birth or inactive-NHS-number notification about {@code subject}, naming the other number. Its
     * id is derived from what it says, so that the primary key refuses the same notification twice.
     */
    public static NotificationRecord about(Category category, String laCode, String laName, String nhsNumber,
            PatientRecord subject, String relatedNhsNumber, Instant createdAt) {
        String key = String.join("|", category.code(), laCode, nhsNumber, relatedNhsNumber);
        return new NotificationRecord(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(), laCode, laName, category, null, null, nhsNumber,
                subject == null ? null : displayName(subject.given(), subject.family()), subject == null ? null : subject.birthDate(), null, null, null, null, null, null,
                relatedNhsNumber, createdAt, null, null);
    }

    // The creation time in the high bits (as in a version 7 UUID): the batch's inserts append to the
    // primary key instead of landing all over it, which matters for a few hundred thousand a night.
    private static String timeOrderedId(Instant createdAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (createdAt.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0xFFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** "Given Family", as the LA sees the child named; null when the patient is not in the register. */
    public static String displayName(String given, String family) {
        if (family == null) {
            return null;
        }
        return given == null || given.isBlank() ? family : given.trim() + " " + family;
    }
}
