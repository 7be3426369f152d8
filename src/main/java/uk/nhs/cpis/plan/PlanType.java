package uk.nhs.cpis.plan;

import java.time.Period;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of plan an LA can upload, identified by their SNOMED CT code in {@code CareTeam.category}. */
public enum PlanType {
    CPP("342191000000101", "Child Protection Plan"),
    LAC("764841000000100", "Looked After Child"),
    UCPP("818901000000100", "Unborn Child Protection Plan");

    private final String snomedCode;
    private final String display;

    PlanType(String snomedCode, String display) {
        this.snomedCode = snomedCode;
        this.display = display;
    }

    public String snomedCode() {
        return snomedCode;
    }

    public String display() {
        return display;
    }

    public static Optional<PlanType> fromSnomedCode(String code) {
        return Arrays.stream(values()).filter(t -> t.snomedCode.equals(code)).findFirst();
    }

    /** How long after its end a plan stays displayable; the end day plus this period is the last day shown. */
    public Period displayAfterEnd() {
        return this == UCPP ? Period.ofDays(28) : Period.ofDays(364);
    }
}
