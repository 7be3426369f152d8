package uk.nhs.cpis.ndjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;

/**
 * A register load from NDJSON (the demographics and staff registers): the body streamed line by line,
 * each line parsed on its own, each chunk stored in its own transaction, so memory stays flat for a
 * million lines and a bad line costs only itself.
 */
public final class NdjsonLoad {
    /** A parsed line, waiting for its chunk's transaction. */
    public record Line<T>(long number, T record) {
    }

    public record Limits(int maxLineLength, int chunkSize, int maxReportedErrors) {
    }

    /** What a register does with its lines. */
    public interface Register<T> {
        /** The record of one line; a {@link CpisException} is that line's error. */
        T parse(String line);

        /** The lines of a chunk that may be stored; each refused one is added to {@code errors}. */
        default List<Line<T>> screen(List<Line<T>> chunk, LineErrors errors) {
            return chunk;
        }

        /** Stores records, in the transaction the load opens. */
        void store(List<T> records);

        /** A line the database refused although it passed validation: logged by the register. */
        void notStored(long line, RuntimeException cause);
    }

    private NdjsonLoad() {
    }

    public static <T> LoadReport load(InputStream body, Limits limits, Register<T> register) {
        var lines = new BoundedLineReader(new InputStreamReader(body, StandardCharsets.UTF_8), limits.maxLineLength());
        List<Line<T>> chunk = new ArrayList<>(limits.chunkSize());
        LineErrors errors = new LineErrors(limits.maxReportedErrors());
        long received = 0;
        long stored = 0;
        long lineNumber = 0;
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                received++;
                try {
                    if (line == BoundedLineReader.TOO_LONG) {
                        throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE,
                                "Line longer than " + limits.maxLineLength() + " characters.");
                    }
                    chunk.add(new Line<>(lineNumber, register.parse(line)));
                } catch (CpisException e) {
                    errors.add(lineNumber, e.code(), e.diagnostics());
                }
                if (chunk.size() == limits.chunkSize()) {
                    stored += storeChunk(register, chunk, errors);
                    chunk.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stored += storeChunk(register, chunk, errors);
        return new LoadReport(received, stored, received - stored, errors.list());
    }

    /** The lines of the chunk stored; a line that cannot be stored becomes a per-line error. */
    private static <T> long storeChunk(Register<T> register, List<Line<T>> lines, LineErrors errors) {
        List<Line<T>> chunk = register.screen(lines, errors);
        if (chunk.isEmpty()) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> register.store(chunk.stream().map(Line::record).toList()));
            return chunk.size();
        } catch (RuntimeException e) {
            // A database refusing every write (read-only) refuses the load, 503 rather than every line rejected.
            if (Jdbc.isReadOnlyRefusal(e)) {
                throw e;
            }
            // Validation should leave the database nothing to refuse; should it still refuse one line,
            // that line alone is lost, not its chunk nor the answer about the chunks already committed.
            return storeLineByLine(register, chunk, errors);
        }
    }

    private static <T> long storeLineByLine(Register<T> register, List<Line<T>> chunk, LineErrors errors) {
        long stored = 0;
        for (Line<T> line : chunk) {
            try {
                QuarkusTransaction.requiringNew().run(() -> register.store(List.of(line.record())));
                stored++;
            } catch (RuntimeException e) {
                register.notStored(line.number(), e);
                errors.add(line.number(), ErrorCode.INTERNAL_ERROR, "This line could not be stored; the other "
                        + "lines were not affected. Quote the X-Request-ID when reporting this.");
            }
        }
        return stored;
    }
}
