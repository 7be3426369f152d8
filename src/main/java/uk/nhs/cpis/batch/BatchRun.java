package uk.nhs.cpis.batch;

import java.time.Instant;

/** A stored batch run and what it did. */
public record BatchRun(
        String id,
        Trigger trigger,
        Status status,
        Instant cutoff,
        ChunkCounts counts,
        Housekeeping.Purged purged,
        String failure,
        Instant startedAt,
        Instant finishedAt) {

    public enum Status {
        RUNNING, COMPLETED, FAILED, SKIPPED
    }

    public enum Trigger {
        SCHEDULED, ON_DEMAND
    }

    public static BatchRun started(String id, Trigger trigger, Instant cutoff, Instant startedAt) {
        return new BatchRun(id, trigger, Status.RUNNING, cutoff, ChunkCounts.NONE, Housekeeping.Purged.NONE, null,
                startedAt, null);
    }

    /** A scheduled run that did not start, and why (in {@code failure}): the run list shows every night. */
    public static BatchRun skipped(String id, Trigger trigger, Instant cutoff, Instant at, String why) {
        return new BatchRun(id, trigger, Status.SKIPPED, cutoff, ChunkCounts.NONE, Housekeeping.Purged.NONE, why, at,
                at);
    }
}
