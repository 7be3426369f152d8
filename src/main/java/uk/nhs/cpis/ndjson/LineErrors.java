package uk.nhs.cpis.ndjson;

import java.util.List;
import java.util.TreeMap;

import uk.nhs.cpis.ndjson.LoadReport.LineError;
import uk.nhs.cpis.fhir.ErrorCode;

/**
 * The first per-line errors of a bulk load by line number. Kept sorted rather than in the order
 * found: a line can fail when its chunk is stored, after later lines were parsed.
 */
public final class LineErrors {
    private final int max;
    private final TreeMap<Long, LineError> first = new TreeMap<>();

    LineErrors(int max) {
        this.max = max;
    }

    public void add(long line, ErrorCode code, String message) {
        first.put(line, new LineError(line, code.name(), message));
        if (first.size() > max) {
            first.pollLastEntry();
        }
    }

    List<LineError> list() {
        return List.copyOf(first.values());
    }
}
