package uk.nhs.cpis.batch;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.retention")
public interface RetentionConfig {
    /** A plan is purged this long after its last display day (a withdrawn one, this long after its withdrawal). */
    @WithDefault("P30D")
    Period planGracePeriod();

    /** Access events are kept this long (and always until the batch has processed them). */
    @WithDefault("P2Y")
    Period accessEvents();

    /** Notifications are kept this long after they were made. */
    @WithDefault("P2Y")
    Period notifications();

    /** Audit records (a staff restriction's blocked attempts) are kept this long, after the restriction too. */
    @WithDefault("P6Y")
    Period audit();

    /**
     * The change log of what lookups show is kept this long: an instance that has not looked anything up for
     * longer reads everything again.
     */
    @WithDefault("P1D")
    Period lookupChanges();
}
