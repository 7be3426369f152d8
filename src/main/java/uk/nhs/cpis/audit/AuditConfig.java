package uk.nhs.cpis.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.audit")
public interface AuditConfig {
    /** Most audit records (access events and security-audit lines) committed in one transaction. */
    @WithDefault("500")
    int maxBatch();

    /** Audit records waiting for the writer; when full, lookups are refused with 503 rather than queued unbounded. */
    @WithDefault("10000")
    int queueCapacity();

    /** How long a lookup waits for its audit records to commit before it answers 503 instead of the data. */
    @WithDefault("5s")
    Duration commitTimeout();
}
