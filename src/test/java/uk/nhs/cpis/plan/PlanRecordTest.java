package uk.nhs.cpis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** A plan's end derived again from a corrected birth date: only a projected end moves. */
class PlanRecordTest {
    private static final LocalDate START = LocalDate.of(2025, 6, 1);
    private static final Instant UPLOADED = Instant.parse("2025-06-02T09:00:00Z");

    private static PlanRecord plan(PlanType type, LocalDate givenEnd, LocalDate birthDate) {
        LocalDate end = DisplayWindow.effectiveEnd(type, givenEnd, birthDate);
        return new PlanRecord("p1", "LA330", "Northtown", "9990000018", type, START, givenEnd, end,
                DisplayWindow.lastDisplayDay(type, end), "01632 960001", null, false, 3, UPLOADED, UPLOADED);
    }

    @Test
    void shouldMoveAProjectedEndAndItsLastDisplayDayToTheNew18thBirthday() {
        PlanRecord moved = plan(PlanType.LAC, null, LocalDate.of(2008, 12, 15)).projectedFrom(LocalDate.of(2010, 2, 28));
        assertEquals(LocalDate.of(2028, 2, 28), moved.effectiveEnd());
        assertEquals(LocalDate.of(2029, 2, 26), moved.lastDisplayDay());
        assertEquals(3, moved.version(), "the plan stays the version the LA uploaded");
    }

    @Test
    void shouldProjectA29FebruaryBirthTo1MarchInACommonYear() {
        PlanRecord moved = plan(PlanType.CPP, null, LocalDate.of(2008, 12, 15)).projectedFrom(LocalDate.of(2008, 2, 29));
        assertEquals(LocalDate.of(2026, 3, 1), moved.effectiveEnd());
        assertEquals(LocalDate.of(2027, 2, 28), moved.lastDisplayDay());
    }

    @Test
    void shouldKeepAGivenEnd() {
        PlanRecord plan = plan(PlanType.CPP, LocalDate.of(2026, 6, 30), LocalDate.of(2010, 1, 1));
        assertEquals(plan, plan.projectedFrom(LocalDate.of(2009, 1, 1)));
        PlanRecord unborn = plan(PlanType.UCPP, LocalDate.of(2026, 2, 1), LocalDate.of(1994, 8, 30));
        assertEquals(unborn, unborn.projectedFrom(LocalDate.of(1995, 8, 30)));
    }
}
