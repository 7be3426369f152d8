package uk.nhs.cpis.fhir;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal with a catalogue code. The diagnostics go to the client only: the exception message
 * is the bare code, so that a logged exception can never carry patient data.
 */
public class CpisException extends RuntimeException {
    private final ErrorCode code;
    private final String diagnostics;
    private final List<String> expressions;
    private final Duration retryAfter;

    public CpisException(ErrorCode code, String diagnostics, String... expressions) {
        super(code.name(), null, false, false);
        this.code = code;
        this.diagnostics = diagnostics;
        this.expressions = List.of(expressions);
        this.retryAfter = null;
    }

    /** A refusal that says when to try again (Retry-After). */
    public CpisException(ErrorCode code, String diagnostics, Duration retryAfter) {
        super(code.name(), null, false, false);
        this.code = code;
        this.diagnostics = diagnostics;
        this.expressions = List.of();
        this.retryAfter = retryAfter;
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

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
