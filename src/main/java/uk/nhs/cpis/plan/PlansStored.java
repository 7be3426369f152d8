package uk.nhs.cpis.plan;

import java.util.List;

/**
 * Fired inside the transaction that stores an upload's plans (new, replaced or withdrawn), so that what
 * follows from them (a birth notification for a newborn registered before its mother's unborn plan) commits
 * or fails with the upload.
 */
public record PlansStored(List<PlanRecord> plans) {
}
