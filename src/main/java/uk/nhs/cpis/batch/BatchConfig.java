package uk.nhs.cpis.batch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.batch")
public interface BatchConfig {
    /** When the nightly batch runs: a Quartz cron expression in Europe/London time; "off" disables the schedule. */
    @WithDefault("0 0 1 * * ?")
    String cron();

    /** Access events read, and their ASNs written, per transaction; memory per chunk is about 1 KB per event. */
    @WithDefault("5000")
    int chunkSize();

    /** The default cut-off is this long before now, so that lookups still committing go to the next run. */
    @WithDefault("PT1M")
    Duration settleTime();

    /** How long POST /api/batch-runs waits for the run to finish (201) before answering 202 with the run still working. */
    @WithDefault("PT20S")
    Duration respondWithin();

    /** Most runs listed by GET /api/batch-runs, newest first. */
    @WithDefault("100")
    int listLimit();
}
