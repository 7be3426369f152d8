package uk.nhs.cpis.notification;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.notification.restriction.Viewer;

/** A child's attendance timeline and pattern flags, from the ASNs the viewer may see. */
@ApplicationScoped
public class AttendanceService {
    @Inject
    NotificationRepository notifications;
    @Inject
    AttendanceConfig config;

    public AttendanceView attendance(Viewer viewer, String nhsNumber) {
        List<NotificationRecord> asns = notifications.asnsOf(viewer, nhsNumber);
        List<AttendancePatterns.Access> accesses = asns.stream()
                .map(n -> new AttendancePatterns.Access(n.accessedAt(), n.orgCode())).toList();
        List<AttendanceView.Entry> timeline = asns.stream()
                .sorted(Comparator.comparing(NotificationRecord::accessedAt).reversed())
                .limit(config.timelineLimit())
                .map(n -> new AttendanceView.Entry(n.id(), n.accessedAt(), n.orgCode(), n.orgName(), n.userId(),
                        n.userName(), n.jobRole(), n.acknowledgedAt()))
                .toList();
        NotificationRecord latest = asns.stream().max(Comparator.comparing(NotificationRecord::createdAt)).orElse(null);
        return new AttendanceView(nhsNumber, latest == null ? null : latest.patientName(),
                latest == null ? null : latest.patientBirthDate(), config.window().toDays(), config.minAttendances(),
                config.minOrganisations(), asns.size(), AttendancePatterns.attendances(accesses).size(),
                AttendancePatterns.flags(accesses, config.window(), config.minAttendances(), config.minOrganisations()),
                timeline);
    }
}
