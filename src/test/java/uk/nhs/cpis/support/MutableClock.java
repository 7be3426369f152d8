package uk.nhs.cpis.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * Replaces the system clock in tests (the production clock is a default bean), so that date
 * rules are tested by setting the time, never by waiting.
 */
@Singleton
public class MutableClock extends Clock {
    private volatile Instant fixed;

    /** Freezes time at this instant until {@link #reset()}. */
    public void set(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
