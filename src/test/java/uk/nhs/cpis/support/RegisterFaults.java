package uk.nhs.cpis.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import uk.nhs.cpis.demographics.PatientsRegistered;

/**
 * A test-only fault in the register: storing one chosen patient fails inside its transaction, as a
 * database refusal the validation did not foresee would.
 */
@ApplicationScoped
public class RegisterFaults {
    private volatile String failFor;

    /** Every transaction storing this NHS number fails until {@link #reset()}. */
    public void failFor(String nhsNumber) {
        failFor = nhsNumber;
    }

    public void reset() {
        failFor = null;
    }

    void onRegistered(@Observes PatientsRegistered event) {
        String nhsNumber = failFor;
        if (nhsNumber != null && event.patients().stream().anyMatch(p -> p.nhsNumber().equals(nhsNumber))) {
            throw new IllegalStateException("test fault storing a patient");
        }
    }
}
