package uk.nhs.cpis.fhir;

import java.util.List;

/**
 * A refusal with a catalogue code. The diagnostics go to the client only: the exception message
 * is the bare code, so that a logged exception can never carry patient data.
 */
public class CpisException extends RuntimeException {
    private final ErrorCode code;
    private final String diagnostics;
    private final List<String> expressions;

    public CpisException(ErrorCode code, String diagnostics, String... expressions) {
        super(code.name(), null, false, false);
        this.code = code;
        this.diagnostics = diagnostics;
        this.expressions = List.of(expressions);
    }

    public ErrorCode code() {
        return code;
    }

    public String diagnostics() {
        return diagnostics;
    }

    public List<String> expressions() {
        return expressions;
    }
}
