package uk.nhs.cpis.demographics;

import java.io.IOException;
import java.io.Reader;

/** Reads lines without ever holding more than a bounded line in memory. */
final class BoundedLineReader {
    /** A line longer than the limit: its content is dropped, the reader moves on to the next line. */
    static final String TOO_LONG = "\u0000too-long";

    private final Reader reader;
    private final int maxLength;
    private boolean ended;

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
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
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
