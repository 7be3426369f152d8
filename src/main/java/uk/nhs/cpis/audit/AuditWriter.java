package uk.nhs.cpis.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;

/**
 * Group commit of audit records. Each lookup hands its records to one writer thread and waits until
 * they are committed; the writer commits whatever has queued up meanwhile in one transaction, so under
 * load many lookups share a commit, and still no answer leaves before its own records are durable. A B0107 view's
 * access event holds its security-audit line, so a view is one row.
 * <p>
 * An access event is committed within {@link #latestCommitAfterAccess()} of its access time or never:
 * the writer takes no event older than the commit timeout, and its transaction times out as well. The
 * ASN batch relies on this bound: it reads events in access-time order, and one committed behind its
 * cut-off would never be notified.
 */
@ApplicationScoped
public class AuditWriter {
    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final long IDLE_POLL_MILLIS = 200;

    private record Pending(SecurityAuditEntry entry, AccessEvent event, CompletableFuture<Void> committed) {
        /** Whether the access event holds the security-audit line, so that the view is one row. */
        boolean heldByEvent() {
            return event != null && entry.isHeldBy(event);
        }

        AccessEventRepository.View view() {
            return new AccessEventRepository.View(event, heldByEvent() ? entry : null);
        }
    }

    @Inject
    AccessEventRepository accessEvents;
    @Inject
    SecurityAuditRepository securityAudit;
    @Inject
    AuditConfig config;
    @Inject
    Clock clock;
    @Inject
    AuditMetrics metrics;

    private BlockingQueue<Pending> queue;
    private Thread writer;
    private volatile boolean running;

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        running = true;
        writer = new Thread(this::drain, "cpis-audit-writer");
        writer.setDaemon(true);
        writer.start();
        metrics.watchQueue(queue::size, config.queueCapacity());
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            writer.join(config.commitTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.committed().completeExceptionally(new IllegalStateException("audit writer stopped")));
    }

    /**
     * Returns once the security-audit entry, and the access event when there is one, are committed.
     * Otherwise refuses with 503: a caller must not get CP information whose view went unrecorded.
     */
    public void record(SecurityAuditEntry entry, AccessEvent event) {
        Pending pending = new Pending(entry, event, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            LogRef.LOOKUP004.log(LOG, config.queueCapacity());
            if (event != null) {
                metrics.failed(AuditMetrics.Failure.QUEUE_FULL, 1);
            }
            throw notRecorded();
        }
        if (event != null) {
            metrics.queued();
        }
        try {
            pending.committed().get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.committed().cancel(false);
            throw notRecorded();
        } catch (ExecutionException | TimeoutException e) {
            // A record not yet taken by the writer is dropped; one already being written may still commit,
            // which over-records a view that was refused, never the other way round.
            pending.committed().cancel(false);
            throw notRecorded();
        }
    }

    /** The longest an access event can take from its access time to its commit. */
    public Duration latestCommitAfterAccess() {
        return config.commitTimeout().plusSeconds(transactionTimeoutSeconds());
    }

    private static CpisException notRecorded() {
        return new CpisException(ErrorCode.SERVICE_UNAVAILABLE,
                "The lookup could not be recorded in the audit trail, so it is not answered: try again shortly.");
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                Instant oldest = oldestWritable();
                write(batch.stream().filter(p -> !p.committed().isCancelled()).filter(p -> inTime(p, oldest)).toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // The thread must survive anything, or every later lookup would time out.
                batch.forEach(p -> p.committed().completeExceptionally(e));
                metrics.failed(AuditMetrics.Failure.COMMIT_ERROR, events(batch));
                LogRef.LOOKUP003.log(LOG, batch.size(), e.getClass().getName());
            } finally {
                batch.clear();
            }
        }
    }

    /** The oldest access time an event may have and still be written now. */
    private Instant oldestWritable() {
        return clock.instant().minus(config.commitTimeout());
    }

    /** Fails, rather than writes, an access event taken too late to commit within the bound. */
    private boolean inTime(Pending pending, Instant oldest) {
        if (pending.event() == null || !pending.event().accessedAt().isBefore(oldest)) {
            return true;
        }
        pending.committed().completeExceptionally(new IllegalStateException("access event too old to record"));
        metrics.failed(AuditMetrics.Failure.TOO_LATE, 1);
        return false;
    }

    private void write(List<Pending> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds()).run(() -> {
                accessEvents.insertAll(records.stream().filter(p -> p.event() != null).map(Pending::view).toList());
                securityAudit.insertAll(records.stream().filter(p -> !p.heldByEvent()).map(Pending::entry).toList());
            });
            records.forEach(p -> p.committed().complete(null));
            metrics.committed(events(records));
        } catch (RuntimeException e) {
            LogRef.LOOKUP003.log(LOG, records.size(), e.getClass().getName());
            if (records.size() == 1) {
                records.get(0).committed().completeExceptionally(e);
                metrics.failed(AuditMetrics.Failure.COMMIT_ERROR, events(records));
                return;
            }
            // One record the database refuses must not cost the others their answer.
            Instant oldest = oldestWritable();
            records.stream().filter(p -> inTime(p, oldest)).forEach(p -> write(List.of(p)));
        }
    }

    private static long events(List<Pending> records) {
        return records.stream().filter(p -> p.event() != null).count();
    }

    private int transactionTimeoutSeconds() {
        return (int) Math.max(1, config.commitTimeout().toSeconds());
    }
}
