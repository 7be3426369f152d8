package uk.nhs.cpis.upload;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cpis_upload_entries_total} by outcome (created, replaced, withdrawn, refused), counted once the
 * entries' transaction has committed: an upload that rolls back, or is tried again, counts nothing twice.
 */
@ApplicationScoped
public class UploadMetrics {
    /** The entries of one upload (a Bundle or a single PUT/DELETE), fired inside its transaction. */
    record EntriesApplied(List<EntryResult> results) {
    }

    @Inject
    MeterRegistry registry;

    // Every outcome's series exists from the start, at 0.
    @PostConstruct
    void register() {
        for (EntryOutcome outcome : EntryOutcome.values()) {
            counter(outcome);
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EntriesApplied applied) {
        for (EntryResult result : applied.results()) {
            counter(EntryOutcome.of(result.status())).increment();
        }
    }

    private Counter counter(EntryOutcome outcome) {
        return registry.counter("cpis.upload.entries", "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
}
