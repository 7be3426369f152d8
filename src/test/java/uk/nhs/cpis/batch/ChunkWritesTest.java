package uk.nhs.cpis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline's guarantees: writes in order, one at a time, none after a failed one, none left running. */
class ChunkWritesTest {
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final List<Integer> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        writer.shutdownNow();
    }

    @Test
    void shouldWriteEveryChunkInOrderAndAddTheirCounts() {
        try (ChunkWrites writes = new ChunkWrites(writer)) {
            for (int chunk = 1; chunk <= 3; chunk++) {
                writes.submit(write(chunk));
            }
            assertEquals(new ChunkCounts(6, 3, 0, 0), writes.finish());
        }
        assertEquals(List.of(1, 2, 3), written);
    }

    @Test
    void shouldStopAtTheFirstFailedWriteWithItsOwnException() {
        IllegalStateException fault = new IllegalStateException("chunk 2");
        try (ChunkWrites writes = new ChunkWrites(writer)) {
            writes.submit(write(1));
            writes.submit(() -> {
                throw fault;
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> writes.submit(write(3)));
            assertSame(fault, thrown, "the run's failure names the write's cause, not a CompletionException");
        }
        assertEquals(List.of(1), written, "chunk 3 is never written after chunk 2 failed");
    }

    @Test
    void shouldWaitForTheWriteInFlightWhenTheReaderFails() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (ChunkWrites writes = new ChunkWrites(writer)) {
                writes.submit(() -> {
                    started.countDown();
                    awaitQuietly(release);
                    return write(1).get();
                });
                throw new IllegalStateException("the read failed");
            } catch (IllegalStateException expected) {
                // The run fails; what matters is that it gets here only after the write in flight.
            }
        });
        reader.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        reader.join(200);
        assertTrue(reader.isAlive(), "the run does not end while its chunk is being written");
        release.countDown();
        reader.join(10_000);
        assertEquals(List.of(1), written);
    }

    private Supplier<ChunkCounts> write(int chunk) {
        return () -> {
            written.add(chunk);
            return new ChunkCounts(2, 1, 0, 0);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
