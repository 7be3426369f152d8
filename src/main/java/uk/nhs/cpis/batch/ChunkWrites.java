package uk.nhs.cpis.batch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A range's chunk writes, one at a time and in order, on the writer's thread, so that the run's thread reads and
 * judges the next chunk while the previous one commits (the database and the JVM then work at once instead of in
 * turn). At most one write is in flight: a chunk is handed over only after the one before it committed, so a
 * failed write stops the run before any later chunk is written, exactly as when the chunks were written in turn.
 */
final class ChunkWrites implements AutoCloseable {
    private final Executor writer;
    private CompletableFuture<ChunkCounts> inFlight = CompletableFuture.completedFuture(ChunkCounts.NONE);
    private ChunkCounts committed = ChunkCounts.NONE;

    ChunkWrites(Executor writer) {
        this.writer = writer;
    }

    /** Waits for the previous write (rethrowing its failure), then starts this one. */
    void submit(Supplier<ChunkCounts> write) {
        awaitInFlight();
        inFlight = CompletableFuture.supplyAsync(write, writer);
    }

    /** Waits for the last write: the counts of every chunk written. */
    ChunkCounts finish() {
        awaitInFlight();
        return committed;
    }

    /**
     * On a failure while reading or judging, waits for the write in flight whatever its outcome: the run ends, and
     * its lock is released, only once nothing of it is still being written.
     */
    @Override
    public void close() {
        inFlight.handle((counts, failure) -> null).join();
    }

    private void awaitInFlight() {
        try {
            committed = committed.plus(inFlight.join());
        } catch (CompletionException e) {
            // The write's own failure, not the wrapper: the run's failure names its cause.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            inFlight = CompletableFuture.completedFuture(ChunkCounts.NONE);
        }
    }
}
