package uk.nhs.cpis.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the batch's committed work for /q/metrics: a chunk that rolls back counts nothing. */
@ApplicationScoped
public class BatchMetrics {
    private final Counter eventsRead;
    private final Counter notificationsCreated;
    private final Counter suppressed;

    @Inject
    public BatchMetrics(MeterRegistry registry) {
        eventsRead = registry.counter("cpis.batch.events.read");
        notificationsCreated = registry.counter("cpis.batch.notifications.created");
        suppressed = registry.counter("cpis.batch.events.suppressed");
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChunkWritten chunk) {
        eventsRead.increment(chunk.counts().eventsRead());
        notificationsCreated.increment(chunk.counts().notificationsCreated());
        suppressed.increment(chunk.counts().suppressed());
    }
}
