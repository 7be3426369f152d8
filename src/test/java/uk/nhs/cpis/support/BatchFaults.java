package uk.nhs.cpis.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import uk.nhs.cpis.batch.ChunkWritten;

/**
 * Test-only faults in the batch, at the end of a chunk's transaction (before it commits): throw, as
 * a crash there would (the chunk rolls back, earlier chunks stay); or hold the run there until released.
 */
@ApplicationScoped
public class BatchFaults {
    private volatile int failAtChunk;
    private volatile int holdAtChunk;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** The next run to write chunk {@code chunk} fails there; once. */
    public void failAtChunk(int chunk) {
        failAtChunk = chunk;
    }

    /** The next run to write chunk {@code chunk} waits there until {@link #release()}. */
    public void holdAtChunk(int chunk) {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        holdAtChunk = chunk;
    }

    /** Waits (bounded) for a held run to reach its chunk. */
    public boolean awaitHeld() throws InterruptedException {
        return reached.await(30, TimeUnit.SECONDS);
    }

    public void release() {
        holdAtChunk = 0;
        released.countDown();
    }

    public void reset() {
        failAtChunk = 0;
        release();
    }

    void onChunk(@Observes ChunkWritten chunk) throws InterruptedException {
        if (chunk.chunk() == failAtChunk) {
            failAtChunk = 0;
            throw new IllegalStateException("test fault at chunk " + chunk.chunk());
        }
        if (chunk.chunk() == holdAtChunk) {
            reached.countDown();
            released.await(30, TimeUnit.SECONDS);
        }
    }
}
