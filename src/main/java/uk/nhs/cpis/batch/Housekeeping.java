package uk.nhs.cpis.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import uk.nhs.cpis.db.LookupChanges;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.notification.NotificationRepository;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanRepository;
import uk.nhs.cpis.restriction.RestrictionRepository;

/**
 * The nightly clean-up, after the ASN pass: plans whose display window closed more than the grace
 * period ago, and access events, notifications, blocked attempts and the lookup change log past their
 * retention. Times count back from the run's cut-off, so a rerun with the same cut-off removes nothing more.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** What a run removed. */
    public record Purged(long plans, long accessEvents, long notifications) {
        public static final Purged NONE = new Purged(0, 0, 0);
    }

    @Inject
    PlanRepository plans;
    @Inject
    NotificationRepository notifications;
    @Inject
    BatchState state;
    @Inject
    RestrictionRepository restrictions;
    @Inject
    RetentionConfig retention;
    @Inject
    LookupChanges lookupChanges;

    /** In the caller's transaction; the caller holds the batch lock. */
    Purged purge(String runId, Instant cutoff) {
        LocalDate cutoffDay = DisplayWindow.dateAt(cutoff);
        Map<String, Integer> plansByLa = new TreeMap<>(plans.purge(cutoffDay.minus(retention.planGracePeriod()),
                before(cutoff, retention.planGracePeriod())));
        plansByLa.forEach((la, count) -> LogRef.BATCH007.log(LOG, runId, la, count));
        Watermark watermark = state.watermark();
        long events = state.purgeEventsBefore(before(cutoff, retention.accessEvents()), watermark);
        long made = notifications.purgeMadeBefore(before(cutoff, retention.notifications()));
        long anchors = state.purgeAnchorsBefore(watermark.accessedAt().minus(AsnRule.WINDOW));
        long attempts = restrictions.purgeAttemptsBefore(before(cutoff, retention.audit()));
        lookupChanges.purgeBefore(before(cutoff, retention.lookupChanges()));
        Purged purged = new Purged(plansByLa.values().stream().mapToLong(Integer::longValue).sum(), events, made);
        LogRef.BATCH006.log(LOG, runId, purged.plans(), purged.accessEvents(), purged.notifications(), anchors,
                attempts);
        return purged;
    }

    private static Instant before(Instant cutoff, Period period) {
        return cutoff.atZone(DisplayWindow.LONDON).minus(period).toInstant();
    }
}
