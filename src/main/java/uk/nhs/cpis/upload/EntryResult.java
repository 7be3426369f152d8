package uk.nhs.cpis.upload;

import java.util.List;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.plan.PlanRecord;

/** What became of one upload entry: a status with the stored plan, or the violations that refused it. */
record EntryResult(int status, PlanRecord plan, List<CpisException> violations) {

    static EntryResult stored(int status, PlanRecord plan) {
        return new EntryResult(status, plan, List.of());
    }

    static EntryResult refused(List<CpisException> violations) {
        return new EntryResult(violations.get(0).code().status(), null, violations);
    }

    boolean succeeded() {
        return violations.isEmpty();
    }
}
