package uk.nhs.cpis.mode;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.mode")
public interface ModeConfig {
    /** How often each instance reads the service mode from the database: the longest a replica lags a switch. */
    @WithDefault("5s")
    Duration refreshInterval();

    /** Retry-After on a write refused while read-only, when the mode gives no (future) end. */
    @WithDefault("PT5M")
    Duration retryAfter();
}
