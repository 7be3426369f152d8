package uk.nhs.cpis.mode;

import java.time.Instant;

/**
 * The service mode as stored: read-only refuses every write (seed 004, spec section 7). {@code until} is the
 * expected end, for Retry-After only: the mode ends when an administrator switches it back, never by itself,
 * since what it protects (a database move, say) may take longer than planned.
 */
public record ServiceMode(boolean readOnly, String reason, Instant until, Instant changedAt, String changedBy) {
    public static final String READ_ONLY = "read-only";
    public static final String READ_WRITE = "read-write";

    public String name() {
        return readOnly ? READ_ONLY : READ_WRITE;
    }
}
