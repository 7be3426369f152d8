package uk.nhs.cpis.batch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.notification.NotificationRecord;
import uk.nhs.cpis.notification.NotificationRepository;
import uk.nhs.cpis.plan.DisplayWindow;

/**
 * One chunk of the ASN pass: events read in key order with their stored anchors, judged against the run's
 * {@link PlanSnapshot}; then, in a transaction of its own, batch writes store the ASNs, the moved anchors,
 * how far the range is done and the run's counts, which commit together or not at all.
 */
@ApplicationScoped
public class AsnChunkProcessor {
    /**
     * A key's anchor as the events before this chunk left it (null: none), for its events in the next chunk:
     * the read's stored anchor of a key whose events a chunk boundary splits predates the earlier chunk.
     */
    public record Carried(AnchorKey key, Instant anchor) {
        static final Carried NONE = new Carried(null, null);
    }

    /**
     * A chunk judged and not yet written: its ASNs, the anchors it moved (and the keys that had one stored, which
     * are updated rather than inserted), its last event in key order, its counts, and its last key's anchor for
     * the next chunk.
     */
    public record Judged(List<NotificationRecord> asns, Map<AnchorKey, Instant> movedAnchors,
            Set<AnchorKey> storedKeys, KeyRange.Position last, ChunkCounts counts, Carried carried) {
    }

    @Inject
    BatchState state;
    @Inject
    NotificationRepository notifications;
    @Inject
    BatchRunRepository runs;
    @Inject
    Event<ChunkWritten> written;
    @Inject
    Clock clock;

    /** Applies the rule to a chunk's events; reads and writes nothing, so it may run while the previous chunk commits. */
    Judged judge(String runId, List<ChunkEvent> events, Carried carried, PlanSnapshot plans) {
        Map<AnchorKey, Instant> stored = new HashMap<>();
        events.stream().filter(e -> e.storedAnchor() != null)
                .forEach(e -> stored.put(AnchorKey.of(e.event()), e.storedAnchor()));
        if (carried.anchor() != null) {
            stored.put(carried.key(), carried.anchor());
        }
        AsnRule rule = new AsnRule(stored);
        Instant now = clock.instant();
        List<NotificationRecord> asns = new ArrayList<>();
        long suppressed = 0;
        long withoutPlan = 0;
        for (ChunkEvent chunkEvent : events) {
            AccessEvent e = chunkEvent.event();
            Collection<Shown> shown = onePerLa(plans.holders(e.nhsNumber()), DisplayWindow.dateAt(e.accessedAt()));
            switch (rule.apply(AnchorKey.of(e), e.accessedAt(), !shown.isEmpty())) {
                case NOTIFY -> shown.forEach(s -> asns.add(NotificationRecord.asn(s.plan().laCode(),
                        s.plan().laName(), runId, e.id(), e.accessedAt(), e.userId(), e.userName(), e.jobRole(),
                        e.orgCode(), e.orgName(), s.holder().nhsNumber(), s.holder().patient().name(),
                        s.holder().patient().birthDate(), now)));
                case SUPPRESSED -> suppressed++;
                case NO_PLAN -> withoutPlan++;
            }
        }
        AccessEvent last = events.get(events.size() - 1).event();
        AnchorKey lastKey = AnchorKey.of(last);
        Carried next = new Carried(lastKey, rule.movedAnchors().getOrDefault(lastKey, stored.get(lastKey)));
        return new Judged(asns, rule.movedAnchors(), stored.keySet(), KeyRange.Position.of(last),
                new ChunkCounts(events.size(), asns.size(), suppressed, withoutPlan), next);
    }

    /** Writes a judged chunk in the caller's transaction: its ASNs, anchors, place in the range and counts. */
    ChunkCounts write(String runId, int chunk, KeyRange range, Judged judged) {
        notifications.insertAll(judged.asns());
        state.saveAnchors(judged.movedAnchors(), judged.storedKeys());
        state.rangeDone(range, judged.last());
        runs.addCounts(runId, judged.counts());
        written.fire(new ChunkWritten(runId, chunk, judged.counts()));
        return judged.counts();
    }

    /** A plan an access showed, and the number it is held under, which the ASN names. */
    private record Shown(PlanSnapshot.Holder holder, LaPlan plan) {
    }

    /**
     * The plans displayable on the access's (London) day, one per LA: an LA gets one ASN per access. An LA
     * holding plans under several linked numbers is told about the number looked up first.
     */
    private static Collection<Shown> onePerLa(List<PlanSnapshot.Holder> holders, LocalDate accessDay) {
        Map<String, Shown> byLa = new LinkedHashMap<>();
        for (PlanSnapshot.Holder holder : holders) {
            for (LaPlan plan : holder.patient().plans()) {
                if (DisplayWindow.isDisplayableOn(plan.start(), plan.lastDisplayDay(), accessDay)) {
                    byLa.putIfAbsent(plan.laCode(), new Shown(holder, plan));
                }
            }
        }
        return byLa.values();
    }
}
