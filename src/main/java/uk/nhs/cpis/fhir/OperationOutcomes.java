package uk.nhs.cpis.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.StringType;

/** Builds every OperationOutcome the service sends, from the error catalogue. */
public final class OperationOutcomes {
    private OperationOutcomes() {
    }

    public static OperationOutcome of(CpisException e) {
        return of(e.code(), e.diagnostics(), e.expressions());
    }

    public static OperationOutcome ofAll(List<CpisException> violations) {
        OperationOutcome outcome = new OperationOutcome();
        violations.forEach(v -> outcome.getIssue().addAll(of(v).getIssue()));
        return outcome;
    }

    public static OperationOutcome of(ErrorCode code, String diagnostics, List<String> expressions) {
        OperationOutcome outcome = new OperationOutcome();
        var issue = outcome.addIssue()
                .setSeverity(code.status() >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR)
                .setCode(code.issueType())
                .setDetails(new CodeableConcept().addCoding(
                        new org.hl7.fhir.r4.model.Coding(ErrorCode.SYSTEM, code.name(), code.display())))
                .setDiagnostics(diagnostics == null ? code.display() : diagnostics);
        expressions.forEach(expression -> issue.addExpression(expression));
        issue.getLocation().addAll(expressions.stream().map(StringType::new).toList());
        return outcome;
    }
}
