package uk.nhs.cpis.dev;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.sample-data")
public interface SampleDataConfig {
    /** Load the storyboard fixtures at start-up (dev mode only). */
    @WithDefault("false")
    boolean load();

    /** Where the fixtures are: patients.ndjson and one upload Bundle per .json file. */
    @WithDefault("sample-data")
    String directory();
}
