package uk.nhs.cpis.lookup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.lookup")
public interface LookupConfig {
    /** Access events shown as previous views of a patient's CP information, newest first. */
    @WithDefault("25")
    int previousViews();

    /**
     * Characters of encoded CareTeams kept for the day's lookups at most ({@link EncodedCareTeams}): about 1,500
     * a plan, so the default holds the CareTeams of about 40,000 plans.
     */
    @WithDefault("64000000")
    long encodedCacheBytes();

    /**
     * How far behind the database a lookup may answer ({@link LookupSnapshot}): a plan or staff restriction committed
     * on any instance shows in every lookup starting this long after its commit, on every instance. Zero: each
     * lookup reads the version of the last change before it answers.
     */
    @WithDefault("PT1S")
    Duration maxLag();
}
