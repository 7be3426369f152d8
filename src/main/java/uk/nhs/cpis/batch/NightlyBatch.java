package uk.nhs.cpis.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** The nightly ASN batch on the configured schedule; on every instance, of which the lock lets one run. */
@ApplicationScoped
public class NightlyBatch {
    @Inject
    BatchService batches;

    @Scheduled(cron = "{cpis.batch.cron}", timeZone = "Europe/London", identity = "asn-batch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        batches.runScheduled();
    }
}
