package uk.nhs.cpis.plan;

/** What identifies a plan within one LA: the NHS number it is held under and its type. */
public record PlanKey(String nhsNumber, PlanType type) {
}
