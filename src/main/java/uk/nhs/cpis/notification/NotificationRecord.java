package uk.nhs.cpis.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import uk.nhs.cpis.demographics.PatientRecord;

/**
 * A notification to one LA. The patient and access details are a snapshot taken when it was made:
 * the LA sees what the clinician saw, even if the register changes later. The access fields are set
 * for ASNs only; {@code relatedNhsNumber} is the newborn's (birth) or the replacing (inactive) number.
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
        Instant acknowledgedAt) {

    /** An ASN: the access as recorded, the patient as registered. */
    public static NotificationRecord asn(String laCode, String laName, String batchRunId, long accessEventId,
            Instant accessedAt, String userId, String userName, String jobRole, String orgCode, String orgName,
            String nhsNumber, PatientRecord patient, Instant createdAt) {
        return new NotificationRecord(UUID.randomUUID().toString(), laCode, laName, Category.ASN, batchRunId,
                accessEventId, nhsNumber, nameOf(patient), patient == null ? null : patient.birthDate(), accessedAt,
                userId, userName, jobRole, orgCode, orgName, null, createdAt, null);
    }

    /** A birth or inactive-NHS-number notification about {@code subject}, naming the other number. */
    public static NotificationRecord about(Category category, String laCode, String laName, String nhsNumber,
            PatientRecord subject, String relatedNhsNumber, Instant createdAt) {
        return new NotificationRecord(UUID.randomUUID().toString(), laCode, laName, category, null, null, nhsNumber,
                nameOf(subject), subject == null ? null : subject.birthDate(), null, null, null, null, null, null,
                relatedNhsNumber, createdAt, null);
    }

    private static String nameOf(PatientRecord patient) {
        if (patient == null) {
            return null;
        }
        String given = patient.given() == null ? "" : patient.given().trim();
        return given.isEmpty() ? patient.family() : given + " " + patient.family();
    }
}
