package uk.nhs.cpis.notification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanType;

/** Which births an unborn plan's LA is told about: from the plan's start to the due date + 28 days. */
class BirthRuleTest {
    private static final LocalDate START = LocalDate.of(2026, 8, 10);
    private static final LocalDate DUE = LocalDate.of(2027, 1, 5);

    private static PlanRecord plan(PlanType type, LocalDate end, boolean withdrawn) {
        LocalDate effectiveEnd = DisplayWindow.effectiveEnd(type, end, LocalDate.of(2007, 5, 20));
        Instant at = Instant.parse("2026-08-11T09:00:00Z");
        return new PlanRecord("id", "LA602", "Southport City Council", "9990000034", type, START, end, effectiveEnd,
                DisplayWindow.lastDisplayDay(type, effectiveEnd), "07700 900602", null, withdrawn, 1, at, at);
    }

    private static final PlanRecord UNBORN = plan(PlanType.UCPP, DUE, false);

    @Test
    void shouldCountABirthFromThePlansStartDay() {
        assertTrue(BirthRule.counts(UNBORN, START));
        assertFalse(BirthRule.counts(UNBORN, START.minusDays(1)), "born before the plan began");
    }

    @Test
    void shouldCountAPrematureBirthAndOneOnTheDueDate() {
        assertTrue(BirthRule.counts(UNBORN, LocalDate.of(2026, 11, 20)), "the storyboard's baby, weeks early");
        assertTrue(BirthRule.counts(UNBORN, DUE));
    }

    @Test
    void shouldCountALateBirthUpToTheLastOfThe28DisplayDays() {
        assertTrue(BirthRule.counts(UNBORN, DUE.plusDays(28)), "2 February 2027, the plan's last display day");
        assertFalse(BirthRule.counts(UNBORN, DUE.plusDays(29)));
    }

    @Test
    void shouldCountBirthsForAnUnbornPlanOnlyAndNotAWithdrawnOne() {
        LocalDate born = LocalDate.of(2026, 11, 20);
        assertFalse(BirthRule.counts(plan(PlanType.CPP, DUE, false), born), "the mother's own plan");
        assertFalse(BirthRule.counts(plan(PlanType.UCPP, DUE, true), born), "withdrawn: sent in error");
    }
}
