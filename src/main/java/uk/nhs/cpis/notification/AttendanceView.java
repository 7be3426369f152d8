package uk.nhs.cpis.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/attendance}: a child's accesses that reached the caller's LA (its ASNs, newest first) and
 * the pattern flags over them.
 */
public record AttendanceView(String nhsNumber, String patientName, LocalDate birthDate, long windowDays,
        int minAttendances, int minOrganisations, int accesses, int attendances,
        List<AttendancePatterns.Flag> flags, List<Entry> timeline) {

    /** One access: when, where, who, and the ASN that told the LA (acknowledged or not). */
    public record Entry(String notificationId, Instant accessedAt, String orgCode, String orgName, String userId,
            String userName, String jobRole, Instant acknowledgedAt) {
    }
}
