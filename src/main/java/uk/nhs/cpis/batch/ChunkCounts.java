package uk.nhs.cpis.batch;

/**
 * What the batch did with the access events it read. Every event read is counted once: it made
 * ASNs (however many LAs they went to), was suppressed by the 24-hour rule, or had no displayable
 * plan at its access time (neither notified nor suppressed).
 */
public record ChunkCounts(long eventsRead, long notificationsCreated, long suppressed, long eventsWithoutPlan) {
    public static final ChunkCounts NONE = new ChunkCounts(0, 0, 0, 0);

    public ChunkCounts plus(ChunkCounts other) {
        return new ChunkCounts(eventsRead + other.eventsRead, notificationsCreated + other.notificationsCreated,
                suppressed + other.suppressed, eventsWithoutPlan + other.eventsWithoutPlan);
    }
}
