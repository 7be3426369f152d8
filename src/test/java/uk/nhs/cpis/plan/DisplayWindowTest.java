package uk.nhs.cpis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DisplayWindowTest {
    private static final LocalDate START = LocalDate.of(2024, 3, 1);
    private static final LocalDate END = LocalDate.of(2025, 6, 30);

    private static DisplayWindow at(String instant) {
        return new DisplayWindow(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static boolean shownDaysAfterEnd(PlanType type, LocalDate end, int days) {
        LocalDate last = DisplayWindow.lastDisplayDay(type, end);
        return DisplayWindow.isDisplayableOn(START, last, end.plusDays(days));
    }

    @Test
    void shouldShowCppOn364thDayAfterEnd() {
        assertTrue(shownDaysAfterEnd(PlanType.CPP, END, 364));
    }

    @Test
    void shouldHideCppOn365thDayAfterEnd() {
        assertFalse(shownDaysAfterEnd(PlanType.CPP, END, 365));
    }

    @Test
    void shouldShowLacOn364thDayAfterEnd() {
        assertTrue(shownDaysAfterEnd(PlanType.LAC, END, 364));
    }

    @Test
    void shouldHideLacOn365thDayAfterEnd() {
        assertFalse(shownDaysAfterEnd(PlanType.LAC, END, 365));
    }

    @Test
    void shouldShowUcppOn28thDayAfterEnd() {
        assertTrue(shownDaysAfterEnd(PlanType.UCPP, END, 28));
    }

    @Test
    void shouldHideUcppOn29thDayAfterEnd() {
        assertFalse(shownDaysAfterEnd(PlanType.UCPP, END, 29));
    }

    @Test
    void shouldShowPlanOnItsStartDate() {
        assertTrue(DisplayWindow.isDisplayableOn(START, END, START));
    }

    @Test
    void shouldHidePlanOnDayBeforeStart() {
        assertFalse(DisplayWindow.isDisplayableOn(START, END, START.minusDays(1)));
    }

    @Test
    void shouldHidePlanWithoutStartOrLastDisplayDay() {
        assertFalse(DisplayWindow.isDisplayableOn(null, END, START));
        assertFalse(DisplayWindow.isDisplayableOn(START, null, START));
    }

    @Test
    void shouldPutLeapDayBabysEighteenthBirthdayOnFirstMarchInCommonYear() {
        assertEquals(LocalDate.of(2026, 3, 1), DisplayWindow.eighteenthBirthday(LocalDate.of(2008, 2, 29)));
    }

    // A 29 February birth year is divisible by 4, so its 18th anniversary year never is: the
    // leap-day branch can only ever move the date to 1 March, and must leave other dates alone.
    @Test
    void shouldKeepTwentyEighthFebruaryBirthdayWhenEighteenthFallsInLeapYear() {
        assertEquals(LocalDate.of(2024, 2, 28), DisplayWindow.eighteenthBirthday(LocalDate.of(2006, 2, 28)));
    }

    @Test
    void shouldKeepFirstMarchBirthdayOnFirstMarch() {
        assertEquals(LocalDate.of(2026, 3, 1), DisplayWindow.eighteenthBirthday(LocalDate.of(2008, 3, 1)));
    }

    @Test
    void shouldProjectCppEndToEighteenthBirthdayWhenNoEndGiven() {
        LocalDate birth = LocalDate.of(2008, 2, 29);
        assertEquals(LocalDate.of(2026, 3, 1), DisplayWindow.effectiveEnd(PlanType.CPP, null, birth));
        assertEquals(LocalDate.of(2026, 3, 1), DisplayWindow.effectiveEnd(PlanType.LAC, null, birth));
    }

    @Test
    void shouldUseGivenEndWhenPresent() {
        LocalDate birth = LocalDate.of(2010, 5, 5);
        assertEquals(END, DisplayWindow.effectiveEnd(PlanType.CPP, END, birth));
        assertEquals(END, DisplayWindow.effectiveEnd(PlanType.LAC, END, birth));
        assertEquals(END, DisplayWindow.effectiveEnd(PlanType.UCPP, END, birth));
    }

    @Test
    void shouldNotProjectUcppEndFromMothersBirthDate() {
        assertNull(DisplayWindow.effectiveEnd(PlanType.UCPP, null, LocalDate.of(1995, 1, 1)));
    }

    @Test
    void shouldShowPlanEndingOnEighteenthBirthdayForThatDayAndNext364() {
        LocalDate birth = LocalDate.of(2008, 2, 29);
        LocalDate birthday = LocalDate.of(2026, 3, 1);
        LocalDate last = DisplayWindow.lastDisplayDay(PlanType.CPP, DisplayWindow.effectiveEnd(PlanType.CPP, null, birth));

        assertTrue(DisplayWindow.isDisplayableOn(START, last, birthday));
        assertTrue(DisplayWindow.isDisplayableOn(START, last, birthday.plusDays(364)));
        assertFalse(DisplayWindow.isDisplayableOn(START, last, birthday.plusDays(365)));
    }

    @Test
    void shouldTakeTodayAsLondonDateDuringSummerTime() {
        assertEquals(LocalDate.of(2026, 7, 1), at("2026-06-30T23:30:00Z").today());
    }

    @Test
    void shouldTakeTodayAsLondonDateDuringWinterTime() {
        assertEquals(LocalDate.of(2026, 12, 31), at("2026-12-31T23:30:00Z").today());
    }

    @Test
    void shouldTakeDateOfInstantInLondon() {
        assertEquals(LocalDate.of(2026, 7, 1), DisplayWindow.dateAt(Instant.parse("2026-06-30T23:30:00Z")));
        assertEquals(LocalDate.of(2026, 12, 31), DisplayWindow.dateAt(Instant.parse("2026-12-31T23:30:00Z")));
    }

    @Test
    void shouldHideCppAfterLondonMidnightEvenWhileUtcIsStillOnLastDay() {
        LocalDate last = LocalDate.of(2026, 6, 30);
        assertTrue(at("2026-06-30T22:30:00Z").isDisplayableNow(START, last));
        assertFalse(at("2026-06-30T23:30:00Z").isDisplayableNow(START, last));
    }

    @Test
    void shouldShowPlanFromLondonMidnightOfStartDate() {
        LocalDate start = LocalDate.of(2026, 7, 1);
        LocalDate last = LocalDate.of(2027, 7, 1);
        assertFalse(DisplayWindow.isDisplayableAt(start, last, Instant.parse("2026-06-30T22:59:59Z")));
        assertTrue(DisplayWindow.isDisplayableAt(start, last, Instant.parse("2026-06-30T23:00:00Z")));
    }
}
