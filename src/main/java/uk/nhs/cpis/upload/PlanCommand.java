package uk.nhs.cpis.upload;

import org.hl7.fhir.r4.model.CareTeam;

import uk.nhs.cpis.plan.PlanKey;

/** One upload instruction: put a plan under a key, or withdraw the plan held under it. */
sealed interface PlanCommand {
    PlanKey key();

    record Put(PlanKey key, CareTeam careTeam) implements PlanCommand {
    }

    record Withdraw(PlanKey key) implements PlanCommand {
    }
}
