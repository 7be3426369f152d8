package uk.nhs.cpis.fhir;

import java.util.List;

/** Several refusals of one request, answered together in one OperationOutcome with the first one's status. */
public class Violations extends RuntimeException {
    private final List<CpisException> violations;

    public Violations(List<CpisException> violations) {
        super("violations", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<CpisException> all() {
        return violations;
    }

    public int status() {
        return violations.get(0).code().status();
    }
}
