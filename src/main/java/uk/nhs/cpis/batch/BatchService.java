package uk.nhs.cpis.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.cpis.audit.AuditWriter;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.notification.RegistrationNotifier;
import uk.nhs.cpis.plan.DisplayWindow;

/**
 * Batch runs: turns access events up to a cut-off into ASNs, chunk by chunk, then housekeeping.
 * Exactly once: each chunk commits its ASNs with the anchors and how far the run's range is done, so a
 * run that dies is resumed by the next from its last commit, and the unique key (access event, LA) refuses a
 * duplicate whatever happens. One run at a time across instances: {@link BatchLock}.
 */
@ApplicationScoped
public class BatchService {
    private static final Logger LOG = Logger.getLogger(BatchService.class);
    // Deleting a year's expired access events in one statement can take minutes, a chunk only milliseconds.
    private static final int HOUSEKEEPING_TIMEOUT_SECONDS = 3600;

    /** A run that has started, and its end. */
    public record Started(BatchRun run, CompletableFuture<BatchRun> finished) {
    }

    @Inject
    BatchLock lock;
    @Inject
    BatchRunRepository runs;
    @Inject
    BatchState state;
    @Inject
    AsnChunkProcessor chunks;
    @Inject
    Housekeeping housekeeping;
    @Inject
    BatchConfig config;
    @Inject
    AuditWriter audit;
    @Inject
    Clock clock;
    @Inject
    ModeService modes;
    @Inject
    BatchMetrics metrics;
    @Inject
    RegistrationNotifier registrations;

    // Runs work off the caller's thread, so that an HTTP caller can be answered 202 while a long run
    // goes on; one thread, since the lock allows one run at a time anyway.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "cpis-asn-batch"));
    // The run's chunks commit here while its own thread reads and judges the next (ChunkWrites).
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "cpis-asn-writer"));

    /**
     * The settle time must outlast the slowest access event's commit: a run reads the events up to its cut-off
     * and the watermark then passes them, so one committed behind a run's cut-off would never be notified. And a run that died with its
     * instance is marked failed as soon as any instance starts, not only when the next run begins.
     */
    void onStart(@Observes StartupEvent started) {
        Duration latestCommit = audit.latestCommitAfterAccess();
        if (config.settleTime().compareTo(latestCommit) <= 0) {
            throw new IllegalStateException("cpis.batch.settle-time (" + config.settleTime() + ") must be longer than "
                    + latestCommit + ", the longest an access event can take to commit (cpis.audit.commit-timeout)");
        }
        failInterruptedRuns();
    }

    /** Marks runs left running by a dead instance as failed, unless a run is in progress. */
    void failInterruptedRuns() {
        lock.tryAcquire().ifPresent(held -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> failRunsLeftRunning(clock.instant()));
            } finally {
                held.release();
            }
        });
    }

    /**
     * Starts a run over the access events up to {@code cutoff} (default: now less the settle time),
     * or refuses with BATCH_ALREADY_RUNNING while a run holds the lock on any instance.
     */
    public Started start(Optional<Instant> cutoff, BatchRun.Trigger trigger) {
        modes.requireWritable();
        Instant now = clock.instant();
        Instant settled = now.minus(config.settleTime());
        Instant until = cutoff.orElse(settled);
        if (until.isAfter(settled)) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "The cut-off must be at least " + config.settleTime()
                    + " before now: access events younger than that may still be committing.", "cutoff");
        }
        Watermark processed = state.watermark();
        if (until.isBefore(processed.accessedAt())) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "The cut-off is before " + processed.accessedAt()
                    + ", the last access already processed: such a run would read nothing.", "cutoff");
        }
        BatchLock.Held held = lock.tryAcquire().orElseThrow(() -> new CpisException(ErrorCode.BATCH_ALREADY_RUNNING,
                "A batch run is in progress; try again when it has finished (GET /api/batch-runs)."));
        try {
            BatchRun run = BatchRun.started(UUID.randomUUID().toString(), trigger, until, now);
            QuarkusTransaction.requiringNew().run(() -> {
                failRunsLeftRunning(now);
                runs.insert(run);
            });
            LogRef.BATCH001.log(LOG, run.id(), trigger, until);
            return new Started(run, CompletableFuture.supplyAsync(() -> execute(run, held), worker));
        } catch (RuntimeException e) {
            held.release();
            throw e;
        }
    }

    /** Only the lock holder calls this: any run still marked running died before it finished. */
    private void failRunsLeftRunning(Instant now) {
        for (String interrupted : runs.runningIds()) {
            runs.fail(interrupted, "interrupted", now);
            LogRef.BATCH005.log(LOG, interrupted);
        }
    }

    /**
     * The scheduled run: skipped, not failed, when another instance is already running one, and skipped with
     * a row in the run list while the service is read-only. The next run after the mode ends reads from the
     * watermark, so it takes up the skipped nights' events, each once.
     */
    public Optional<BatchRun> runScheduled() {
        try {
            return Optional.of(start(Optional.empty(), BatchRun.Trigger.SCHEDULED).finished().join());
        } catch (CpisException e) {
            if (e.code() == ErrorCode.READ_ONLY_MODE) {
                return Optional.of(skipped(BatchRun.Trigger.SCHEDULED));
            }
            if (e.code() != ErrorCode.BATCH_ALREADY_RUNNING) {
                throw e;
            }
            LogRef.BATCH004.log(LOG, BatchRun.Trigger.SCHEDULED);
            return Optional.empty();
        }
    }

    /** Records a run skipped in read-only mode (the database still takes this row: the mode is the service's). */
    private BatchRun skipped(BatchRun.Trigger trigger) {
        Instant now = clock.instant();
        BatchRun run = BatchRun.skipped(UUID.randomUUID().toString(), trigger, now.minus(config.settleTime()), now,
                "skipped: the service was read-only");
        LogRef.BATCH008.log(LOG, trigger);
        QuarkusTransaction.requiringNew().run(() -> runs.insert(run));
        metrics.ended(BatchRun.Status.SKIPPED, Duration.ZERO);
        return run;
    }

    public Optional<BatchRun> find(String id) {
        return runs.find(id);
    }

    public List<BatchRun> latest() {
        return runs.latest(config.listLimit());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        writer.shutdownNow();
    }

    private BatchRun execute(BatchRun run, BatchLock.Held held) {
        MDC.put("requestId", "batch-" + run.id());
        long started = System.nanoTime();
        try {
            ChunkCounts counts = readEvents(run);
            Housekeeping.Purged purged = QuarkusTransaction.requiringNew().timeout(HOUSEKEEPING_TIMEOUT_SECONDS)
                    .call(() -> {
                registrations.sweepBirths();
                Housekeeping.Purged removed = housekeeping.purge(run.id(), run.cutoff());
                runs.complete(run.id(), removed, clock.instant());
                return removed;
            });
            LogRef.BATCH002.log(LOG, run.id(), counts.eventsRead(), counts.notificationsCreated(), counts.suppressed(),
                    counts.eventsWithoutPlan(), purged.plans(), (System.nanoTime() - started) / 1_000_000);
            metrics.ended(BatchRun.Status.COMPLETED, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LogRef.BATCH003.log(LOG, run.id(), causeChain(e));
            QuarkusTransaction.requiringNew().run(() -> runs.fail(run.id(), causeChain(e), clock.instant()));
            metrics.ended(BatchRun.Status.FAILED, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            // Released only once the run's row says how it ended: the next holder fails runs still "running".
            held.release();
            MDC.remove("requestId");
        }
        return runs.find(run.id()).orElseThrow();
    }

    /**
     * The events after the watermark up to the cut-off: first the rest of a range a run that died left part
     * done (up to that run's cut-off), then this run's own range. Outside a transaction: each range is read
     * and judged on a connection of its own while its chunks commit one by one on the writer's thread.
     */
    private ChunkCounts readEvents(BatchRun run) {
        LocalDate firstDay = DisplayWindow.dateAt(state.watermark().accessedAt());
        PlanSnapshot plans = QuarkusTransaction.requiringNew().call(() -> state.plans(firstDay));
        ChunkCounts total = ChunkCounts.NONE;
        int chunk = 0;
        Optional<KeyRange> left = QuarkusTransaction.requiringNew().call(state::range);
        KeyRange range = left.orElseGet(() -> QuarkusTransaction.requiringNew()
                .call(() -> state.beginRange(run.cutoff())));
        for (;;) {
            AsnChunkProcessor.Carried carried = AsnChunkProcessor.Carried.NONE;
            try (Database.Cursor<ChunkEvent> events = state.readRange(range, config.chunkSize());
                    ChunkWrites writes = new ChunkWrites(writer)) {
                for (;;) {
                    List<ChunkEvent> next = events.next(config.chunkSize());
                    if (next.isEmpty()) {
                        break;
                    }
                    AsnChunkProcessor.Judged judged = chunks.judge(run.id(), next, carried, plans);
                    int number = ++chunk;
                    KeyRange current = range;
                    writes.submit(() -> write(run.id(), number, current, judged));
                    carried = judged.carried();
                }
                total = total.plus(writes.finish());
            }
            KeyRange done = range;
            QuarkusTransaction.requiringNew().run(() -> state.endRange(done));
            if (!range.cutoff().isBefore(run.cutoff())) {
                return total;
            }
            range = QuarkusTransaction.requiringNew().call(() -> state.beginRange(run.cutoff()));
        }
    }

    /** One chunk's transaction, on the writer's thread, its log lines tagged with the run like the run's own. */
    private ChunkCounts write(String runId, int chunk, KeyRange range, AsnChunkProcessor.Judged judged) {
        MDC.put("requestId", "batch-" + runId);
        try {
            return QuarkusTransaction.requiringNew().call(() -> chunks.write(runId, chunk, range, judged));
        } finally {
            MDC.remove("requestId");
        }
    }

    // Exception types only: messages can quote rows (NHS numbers) and are never logged or stored.
    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return chain.length() > 200 ? chain.substring(0, 200) : chain.toString();
    }
}
