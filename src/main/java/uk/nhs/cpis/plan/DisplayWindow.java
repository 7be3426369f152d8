package uk.nhs.cpis.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/** The single place for the display-window date rules: which plans show on which Europe/London day. */
@ApplicationScoped
public class DisplayWindow {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final int AGE_OF_MAJORITY = 18;

    private final Clock clock;

    @Inject
    public DisplayWindow(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(LONDON));
    }

    public static LocalDate dateAt(Instant instant) {
        return LocalDate.ofInstant(instant, LONDON);
    }

    public static LocalDate eighteenthBirthday(LocalDate birthDate) {
        LocalDate birthday = birthDate.plusYears(AGE_OF_MAJORITY);
        // In English law someone born on 29 February comes of age on 1 March in a common year,
        // whereas plusYears clamps to 28 February; a plan must not end a day early.
        if (birthDate.getMonth() == Month.FEBRUARY && birthDate.getDayOfMonth() == 29 && !birthday.isLeapYear()) {
            return LocalDate.of(birthday.getYear(), Month.MARCH, 1);
        }
        return birthday;
    }

    /**
     * The end the display window counts from: for CPP/LAC the given end, or the 18th birthday when
     * none is given (the projected end); for UCPP the given end, the expected due date. Null when
     * there is nothing to count from.
     */
    public static LocalDate effectiveEnd(PlanType type, LocalDate givenEnd, LocalDate subjectBirthDate) {
        if (givenEnd != null || type == PlanType.UCPP) {
            return givenEnd;
        }
        return subjectBirthDate == null ? null : eighteenthBirthday(subjectBirthDate);
    }

    /** The last day (inclusive) a plan is shown, or null when it has no effective end. */
    public static LocalDate lastDisplayDay(PlanType type, LocalDate effectiveEnd) {
        return effectiveEnd == null ? null : effectiveEnd.plus(type.displayAfterEnd());
    }

    /**
     * Whether a plan shows on the given day. A plan without a start or without a last display day
     * cannot pass upload validation, so one seen here is broken data and is not shown rather than
     * shown indefinitely.
     */
    public static boolean isDisplayableOn(LocalDate start, LocalDate lastDisplayDay, LocalDate day) {
        return start != null && lastDisplayDay != null && !day.isBefore(start) && !day.isAfter(lastDisplayDay);
    }

    public boolean isDisplayableNow(LocalDate start, LocalDate lastDisplayDay) {
        return isDisplayableOn(start, lastDisplayDay, today());
    }

    public static boolean isDisplayableAt(LocalDate start, LocalDate lastDisplayDay, Instant at) {
        return isDisplayableOn(start, lastDisplayDay, dateAt(at));
    }
}
