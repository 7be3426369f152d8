package uk.nhs.cpis.lookup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ca.uhn.fhir.context.FhirContext;

/**
 * The lookups' resources that do not depend on any plan, encoded by HAPI once at start-up instead of per answer:
 * the presence Flag, which differs from one patient to another only by the NHS number, and the note that the
 * register does not hold a number.
 */
@ApplicationScoped
public class EncodedFixedResources {
    /** Stands for the NHS number in the Flag's one encoding; letters, so it cannot be a number or other text. */
    private static final String NUMBER_STAND_IN = "NHSNUMBERSTANDIN";

    private final String[] flagAroundNumber;
    private final String notRegistered;

    @Inject
    public EncodedFixedResources(FhirContext fhir) {
        flagAroundNumber = fhir.newJsonParser().encodeResourceToString(LookupMapper.flag(NUMBER_STAND_IN))
                .split(NUMBER_STAND_IN, -1);
        notRegistered = fhir.newJsonParser().encodeResourceToString(LookupMapper.notRegistered());
    }

    /** HAPI's encoding of {@link LookupMapper#flag(String)} for a valid NHS number (ten digits: nothing to escape). */
    String flag(String nhsNumber) {
        return String.join(nhsNumber, flagAroundNumber);
    }

    String notRegistered() {
        return notRegistered;
    }
}
