package uk.nhs.cpis.lookup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.lookup")
public interface LookupConfig {
    /** Access events shown as previous views of a patient's CP information, newest first. */
    @WithDefault("25")
    int previousViews();
}
