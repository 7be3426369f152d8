package uk.nhs.cpis.lookup;

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
}
