package uk.nhs.cpis.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pattern rules over a child's ASNs (seed 003: "the frequency of a child's record being accessed",
 * "the different locations"). An attendance is an organisation on a day (Europe/London): several staff
 * viewing the child during one visit are one attendance. A flag is raised when some window of the given
 * length holds enough attendances, or enough different organisations; the latest such window is named.
 */
public final class AttendancePatterns {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final String FREQUENT = "frequent-attendance";
    public static final String ORGANISATIONS = "several-organisations";

    /** One access (an ASN): when and where. */
    public record Access(Instant at, String orgCode) {
    }

    /** A raised flag: what, how many in the window, and the window's first and last attendance. */
    public record Flag(String code, String text, int count, Instant from, Instant to) {
    }

    private AttendancePatterns() {
    }

    /** Attendances: the first access of each organisation on each London day, oldest first. */
    static List<Access> attendances(List<Access> accesses) {
        Map<String, Access> first = new LinkedHashMap<>();
        accesses.stream().sorted(Comparator.comparing(Access::at)).forEach(access -> {
            LocalDate day = LocalDate.ofInstant(access.at(), LONDON);
            first.putIfAbsent(access.orgCode() + "|" + day, access);
        });
        return new ArrayList<>(first.values());
    }

    public static List<Flag> flags(List<Access> accesses, Duration window, int minAttendances, int minOrganisations) {
        List<Access> attendances = attendances(accesses);
        List<Flag> flags = new ArrayList<>();
        latest(attendances, window, minAttendances, false).ifPresent(f -> flags.add(new Flag(FREQUENT,
                minAttendances + " or more attendances in " + window.toDays() + " days", f.count(), f.from(), f.to())));
        latest(attendances, window, minOrganisations, true).ifPresent(f -> flags.add(new Flag(ORGANISATIONS,
                minOrganisations + " or more organisations in " + window.toDays() + " days", f.count(), f.from(), f.to())));
        return flags;
    }

    /** The latest window (ending at an attendance) holding at least {@code threshold} attendances or organisations. */
    private static Optional<Flag> latest(List<Access> attendances, Duration window, int threshold, boolean organisations) {
        for (int end = attendances.size() - 1; end >= 0; end--) {
            Instant last = attendances.get(end).at();
            int start = end;
            while (start > 0 && attendances.get(start - 1).at().isAfter(last.minus(window))) {
                start--;
            }
            Map<String, Integer> orgs = new HashMap<>();
            for (int i = start; i <= end; i++) {
                orgs.merge(attendances.get(i).orgCode(), 1, Integer::sum);
            }
            int count = organisations ? orgs.size() : end - start + 1;
            if (count >= threshold) {
                return Optional.of(new Flag(null, null, count, attendances.get(start).at(), last));
            }
        }
        return Optional.empty();
    }
}
