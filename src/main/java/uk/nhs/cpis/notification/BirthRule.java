package uk.nhs.cpis.notification;

import java.time.LocalDate;

import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanType;

/**
 * Which births an unborn plan's LA is told about: a baby of the mother born from the plan's start to its
 * last display day (the due date, which is the plan's end, plus the 28 days an unborn plan shows after
 * it), both inclusive. A birth weeks before the due date counts (the storyboard's baby came early); a
 * baby born before the plan began, or after it stopped showing, is not the one the plan was made for.
 */
final class BirthRule {
    private BirthRule() {
    }

    static boolean counts(PlanRecord plan, LocalDate born) {
        return plan.type() == PlanType.UCPP && !plan.withdrawn() && !born.isBefore(plan.start())
                && !born.isAfter(plan.lastDisplayDay());
    }
}
