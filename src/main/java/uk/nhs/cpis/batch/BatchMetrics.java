package uk.nhs.cpis.batch;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The batch for /q/metrics: committed work (a chunk that rolls back counts nothing), runs by how they ended
 * with their duration, and when the last run completed on any instance.
 */
@ApplicationScoped
public class BatchMetrics {
    private final MeterRegistry registry;
    private final Counter eventsRead;
    private final Counter notificationsCreated;
    private final Counter suppressed;

    @Inject
    public BatchMetrics(MeterRegistry registry, BatchRunRepository runs) {
        this.registry = registry;
        eventsRead = registry.counter("cpis.batch.events.read");
        notificationsCreated = registry.counter("cpis.batch.notifications.created");
        suppressed = registry.counter("cpis.batch.events.suppressed");
        // Read from the database at each scrape: the run may have completed on another instance.
        Gauge.builder("cpis.batch.last.completed.seconds", runs, BatchMetrics::lastCompleted)
                .description("When the last batch run completed, in seconds since 1970 (0: never)").register(registry);
        for (BatchRun.Status status : BatchRun.Status.values()) {
            if (status != BatchRun.Status.RUNNING) {
                runs(status);
            }
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChunkWritten chunk) {
        eventsRead.increment(chunk.counts().eventsRead());
        notificationsCreated.increment(chunk.counts().notificationsCreated());
        suppressed.increment(chunk.counts().suppressed());
    }

    /** A run that ended (completed or failed) after {@code took}, or was skipped. */
    void ended(BatchRun.Status status, Duration took) {
        runs(status).increment();
        if (status != BatchRun.Status.SKIPPED) {
            Timer.builder("cpis.batch.run.duration").description("Batch runs from start to end")
                    .tag("outcome", outcome(status)).register(registry).record(took);
        }
    }

    private Counter runs(BatchRun.Status status) {
        return registry.counter("cpis.batch.runs", "outcome", outcome(status));
    }

    private static String outcome(BatchRun.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static double lastCompleted(BatchRunRepository runs) {
        try {
            return runs.lastCompletedAt().map(at -> (double) at.getEpochSecond()).orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
