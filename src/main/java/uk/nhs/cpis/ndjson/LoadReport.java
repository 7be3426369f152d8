package uk.nhs.cpis.ndjson;

import java.util.List;

/** The answer to a bulk load: counts over every line, and the first errors by line number. */
public record LoadReport(long received, long stored, long rejected, List<LineError> errors) {

    public record LineError(long line, String code, String message) {
    }
}
