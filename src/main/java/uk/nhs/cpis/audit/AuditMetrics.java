package uk.nhs.cpis.audit;

import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Access events through the group commit, for /q/metrics: queued, committed, and those that failed (the
 * lookup was refused, or answered 503), by reason; and the writer's queue, depth against capacity.
 */
@ApplicationScoped
public class AuditMetrics {
    /** Why an access event was not committed: fixed words for a tag. */
    enum Failure {
        QUEUE_FULL("queue-full"), COMMIT_ERROR("commit-error"), TOO_LATE("too-late");

        private final String tag;

        Failure(String tag) {
            this.tag = tag;
        }
    }

    @Inject
    MeterRegistry registry;

    // Every series exists from the start, at 0, so that dashboards and alerts see them before the first event.
    @PostConstruct
    void register() {
        registry.counter("cpis.access.events.queued");
        registry.counter("cpis.access.events.committed");
        for (Failure reason : Failure.values()) {
            failures(reason);
        }
    }

    void watchQueue(Supplier<Number> depth, int capacity) {
        Gauge.builder("cpis.audit.queue.depth", depth).description("Audit records waiting for the writer")
                .register(registry);
        Gauge.builder("cpis.audit.queue.capacity", () -> capacity)
                .description("Most audit records that can wait; a full queue refuses lookups").register(registry);
    }

    void queued() {
        registry.counter("cpis.access.events.queued").increment();
    }

    void committed(long events) {
        registry.counter("cpis.access.events.committed").increment(events);
    }

    void failed(Failure reason, long events) {
        failures(reason).increment(events);
    }

    private Counter failures(Failure reason) {
        return Counter.builder("cpis.access.events.commit.failures").description("Access events not committed")
                .tag("reason", reason.tag).register(registry);
    }
}
