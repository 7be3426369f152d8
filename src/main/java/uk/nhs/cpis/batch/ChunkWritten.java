package uk.nhs.cpis.batch;

/**
 * Fired inside a chunk's transaction once its ASNs, anchors and watermark are written, just before
 * it commits. Observers after success count what was committed; an observer that throws here
 * rolls the chunk back, exactly as a crash at that point would.
 */
public record ChunkWritten(String runId, int chunk, ChunkCounts counts) {
}
