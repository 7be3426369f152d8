package uk.nhs.cpis.demographics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.demographics")
public interface DemographicsConfig {
    /** Patients stored per transaction during a bulk load. */
    @WithDefault("1000")
    int loadChunkSize();

    /** Per-line errors listed in a bulk-load answer; the counts always cover every line. */
    @WithDefault("100")
    int maxReportedErrors();

    /** Longest NDJSON line accepted, in characters. */
    @WithDefault("65536")
    int maxLineLength();
}
