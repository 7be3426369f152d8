package uk.nhs.cpis.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.cpis.notification.AttendancePatterns.Access;
import uk.nhs.cpis.notification.AttendancePatterns.Flag;

class AttendancePatternsTest {
    static final Duration WINDOW = Duration.ofDays(30);
    static final Instant DAY = Instant.parse("2026-10-01T12:00:00Z");

    static Access at(int days, String org) {
        return new Access(DAY.plus(Duration.ofDays(days)), org);
    }

    static List<String> codes(List<Access> accesses) {
        return AttendancePatterns.flags(accesses, WINDOW, 3, 2).stream().map(Flag::code).toList();
    }

    @Test
    void shouldRaiseBothFlagsForThreeAttendancesAtTwoOrganisationsWithin30Days() {
        List<Flag> flags = AttendancePatterns.flags(List.of(at(0, "RX101"), at(10, "RX101"), at(29, "RY202")), WINDOW, 3, 2);
        assertEquals(List.of(AttendancePatterns.FREQUENT, AttendancePatterns.ORGANISATIONS),
                flags.stream().map(Flag::code).toList());
        assertEquals(3, flags.get(0).count());
        assertEquals(DAY, flags.get(0).from());
        assertEquals(DAY.plus(Duration.ofDays(29)), flags.get(0).to());
        assertEquals("3 or more attendances in 30 days", flags.get(0).text());
        assertEquals(2, flags.get(1).count());
    }

    @Test
    void shouldRaiseNoFlagWhenTheAttendancesAreSpreadOverMoreThan30Days() {
        assertEquals(List.of(), codes(List.of(at(0, "RX101"), at(20, "RX101"), at(40, "RX101"))));
        assertEquals(List.of(), codes(List.of(at(0, "RX101"), at(30, "RY202"))));
    }

    @Test
    void shouldCountSeveralViewsAtOneOrganisationOnOneDayAsOneAttendance() {
        List<Access> oneVisit = List.of(at(0, "RX101"), new Access(DAY.plusSeconds(600), "RX101"),
                new Access(DAY.plusSeconds(3600), "RX101"));
        assertEquals(1, AttendancePatterns.attendances(oneVisit).size());
        assertEquals(List.of(), codes(oneVisit));
    }

    @Test
    void shouldRaiseTheOrganisationFlagAloneForTwoOrganisationsOnce() {
        assertEquals(List.of(AttendancePatterns.ORGANISATIONS), codes(List.of(at(0, "RX101"), at(3, "RY202"))));
    }

    @Test
    void shouldNameTheLatestWindowThatMeetsTheThreshold() {
        List<Flag> flags = AttendancePatterns.flags(List.of(at(0, "A"), at(1, "A"), at(2, "A"), at(100, "A"),
                at(101, "A"), at(102, "A")), WINDOW, 3, 2);
        assertEquals(DAY.plus(Duration.ofDays(100)), flags.get(0).from());
    }
}
