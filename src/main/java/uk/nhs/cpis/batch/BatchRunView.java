package uk.nhs.cpis.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A batch run as /api/batch-runs shows it. */
public record BatchRunView(
        String id,
        String status,
        String trigger,
        Instant cutoff,
        long eventsRead,
        long notificationsCreated,
        long suppressed,
        long eventsWithoutPlan,
        Instant startedAt,
        Instant finishedAt,
        Long durationMillis,
        HousekeepingView housekeeping,
        String failure) {

    /** What the run's housekeeping removed. */
    public record HousekeepingView(long plansPurged, long accessEventsPurged, long notificationsPurged) {
    }

    public static BatchRunView of(BatchRun run) {
        ChunkCounts counts = run.counts();
        Housekeeping.Purged purged = run.purged();
        return new BatchRunView(run.id(), lower(run.status()), lower(run.trigger()).replace('_', '-'), run.cutoff(),
                counts.eventsRead(), counts.notificationsCreated(), counts.suppressed(), counts.eventsWithoutPlan(),
                run.startedAt(), run.finishedAt(),
                run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt()).toMillis(),
                new HousekeepingView(purged.plans(), purged.accessEvents(), purged.notifications()), run.failure());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
