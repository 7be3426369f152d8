package uk.nhs.cpis.ndjson;

import java.io.IOException;
import java.io.Reader;

/** Reads lines without ever holding more than a bounded line in memory. */
final class BoundedLineReader {
    /** A line longer than the limit: its content is dropped, the reader moves on to the next line. */
    static final String TOO_LONG = "\u0000too-long";
    // Some editors and Windows tools start a UTF-8 file with it; it is not part of the first line.
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final int maxLength;
    private boolean ended;
    private boolean started;

    BoundedLineReader(Reader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
    }

    /** The next line, {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        if (ended) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c = reader.read();
        if (!started) {
            started = true;
            if (c == BYTE_ORDER_MARK) {
                c = reader.read();
            }
        }
        for (; c != -1 && c != '\n'; c = reader.read()) {
            if (line.length() < maxLength) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c == -1) {
            ended = true;
            if (line.isEmpty() && !tooLong) {
                return null;
            }
        }
        return tooLong ? TOO_LONG : line.toString();
    }
}
