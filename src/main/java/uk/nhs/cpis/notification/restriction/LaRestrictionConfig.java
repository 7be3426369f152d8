package uk.nhs.cpis.notification.restriction;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.la-restrictions")
public interface LaRestrictionConfig {
    /** The token job_role (compared ignoring case) that always sees restricted children's notifications. */
    @WithDefault("Head of Safeguarding")
    String safeguardingJobRole();

    /** How often a restriction in force is due for review. */
    @WithDefault("P3M")
    Period reviewInterval();
}
