package uk.nhs.cpis.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.notification.NotificationRecord;
import uk.nhs.cpis.notification.NotificationRepository;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;

/**
 * One chunk of the ASN pass, in the caller's transaction: a fixed number of queries whatever the
 * chunk size (events, their plans, their anchors, their patients), then batch writes of the ASNs,
 * the moved anchors, the watermark and the run's counts, which commit together or not at all.
 */
@ApplicationScoped
public class AsnChunkProcessor {
    /** What a chunk did, and where the next one starts. */
    public record Result(ChunkCounts counts, Watermark watermark) {
    }

    private record Notify(AccessEvent event, Collection<PlanRecord> plans) {
    }

    @Inject
    BatchState state;
    @Inject
    PlanRepository plans;
    @Inject
    PatientRepository patients;
    @Inject
    NotificationRepository notifications;
    @Inject
    BatchRunRepository runs;
    @Inject
    Event<ChunkWritten> written;
    @Inject
    Clock clock;

    Result process(String runId, int chunk, Watermark after, Instant cutoff, int size) {
        List<AccessEvent> events = state.eventsAfter(after, cutoff, size);
        if (events.isEmpty()) {
            return new Result(ChunkCounts.NONE, after);
        }
        Set<String> nhsNumbers = events.stream().map(AccessEvent::nhsNumber).collect(Collectors.toSet());
        Map<String, List<PlanRecord>> plansByPatient = plans
                .findShowingFrom(nhsNumbers, DisplayWindow.dateAt(events.get(0).accessedAt())).stream()
                .collect(Collectors.groupingBy(PlanRecord::nhsNumber));
        Map<AnchorKey, Instant> stored = state.anchorsFor(plansByPatient.keySet());
        AsnRule rule = new AsnRule(stored);

        List<Notify> toNotify = new ArrayList<>();
        long suppressed = 0;
        long withoutPlan = 0;
        for (AccessEvent event : events) {
            Collection<PlanRecord> shown = onePerLa(plansByPatient.getOrDefault(event.nhsNumber(), List.of()),
                    event.accessedAt());
            switch (rule.apply(event.key(), event.accessedAt(), !shown.isEmpty())) {
                case NOTIFY -> toNotify.add(new Notify(event, shown));
                case SUPPRESSED -> suppressed++;
                case NO_PLAN -> withoutPlan++;
            }
        }

        List<NotificationRecord> asns = asns(runId, toNotify);
        notifications.insertAll(asns);
        state.saveAnchors(rule.movedAnchors(), stored.keySet());
        Watermark last = events.get(events.size() - 1).position();
        state.moveWatermark(last);
        ChunkCounts counts = new ChunkCounts(events.size(), asns.size(), suppressed, withoutPlan);
        runs.addCounts(runId, counts);
        written.fire(new ChunkWritten(runId, chunk, counts));
        return new Result(counts, last);
    }

    /** The plans displayable at the access time, one per LA: an LA gets one ASN per access. */
    private static Collection<PlanRecord> onePerLa(List<PlanRecord> plans, Instant accessedAt) {
        Map<String, PlanRecord> byLa = new LinkedHashMap<>();
        for (PlanRecord plan : plans) {
            if (DisplayWindow.isDisplayableAt(plan.start(), plan.lastDisplayDay(), accessedAt)) {
                byLa.putIfAbsent(plan.laCode(), plan);
            }
        }
        return byLa.values();
    }

    private List<NotificationRecord> asns(String runId, List<Notify> toNotify) {
        Map<String, PatientRecord> registered = patients
                .findAll(toNotify.stream().map(n -> n.event().nhsNumber()).collect(Collectors.toSet()));
        Instant now = clock.instant();
        List<NotificationRecord> asns = new ArrayList<>();
        for (Notify notify : toNotify) {
            AccessEvent e = notify.event();
            for (PlanRecord plan : notify.plans()) {
                asns.add(NotificationRecord.asn(plan.laCode(), plan.laName(), runId, e.id(), e.accessedAt(), e.userId(),
                        e.userName(), e.jobRole(), e.orgCode(), e.orgName(), e.nhsNumber(),
                        registered.get(e.nhsNumber()), now));
            }
        }
        return asns;
    }
}
