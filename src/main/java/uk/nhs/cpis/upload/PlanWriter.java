package uk.nhs.cpis.upload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.plan.PlanKey;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;
import uk.nhs.cpis.plan.PlansStored;

/**
 * Applies upload commands in order, in the caller's transaction: one read of the register and of
 * the LA's plans for all of them, then one insert batch and one update batch.
 */
@ApplicationScoped
class PlanWriter {
    @Inject
    PatientRepository patients;
    @Inject
    PlanRepository plans;
    @Inject
    Event<PlansStored> stored;

    /** {@code commands} holds null where an entry was already refused; its result stays as given. */
    List<EntryResult> apply(Uploader la, List<PlanCommand> commands, List<EntryResult> results, LocalDate today,
            Instant now) {
        Set<String> nhsNumbers = new HashSet<>();
        commands.stream().filter(c -> c != null).forEach(c -> nhsNumbers.add(c.key().nhsNumber()));
        Map<String, PatientRecord> registered = patients.findAll(nhsNumbers);
        Map<PlanKey, PlanRecord> current = new HashMap<>(plans.findForLa(la.laCode(), nhsNumbers));
        Set<PlanKey> inDatabase = new HashSet<>(current.keySet());
        Map<PlanKey, PlanRecord> changed = new LinkedHashMap<>();

        List<EntryResult> answered = new ArrayList<>(results);
        for (int i = 0; i < commands.size(); i++) {
            PlanCommand command = commands.get(i);
            if (command == null) {
                continue;
            }
            PlanKey key = command.key();
            Optional<PlanRecord> existing = Optional.ofNullable(current.get(key));
            EntryResult result = command instanceof PlanCommand.Put put
                    ? put(put, la, registered, existing, today, now)
                    : withdraw(existing, now);
            if (result.succeeded()) {
                current.put(key, result.plan());
                changed.put(key, result.plan());
            }
            answered.set(i, result);
        }
        plans.insertAll(changed.values().stream().filter(p -> !inDatabase.contains(p.key())).toList());
        plans.updateAll(changed.values().stream().filter(p -> inDatabase.contains(p.key())).toList());
        if (!changed.isEmpty()) {
            stored.fire(new PlansStored(List.copyOf(changed.values())));
        }
        return answered;
    }

    private static EntryResult put(PlanCommand.Put put, Uploader la, Map<String, PatientRecord> registered,
            Optional<PlanRecord> existing, LocalDate today, Instant now) {
        PlanValidator.Result validated = PlanValidator.validate(put.key(), put.careTeam(), la,
                Optional.ofNullable(registered.get(put.key().nhsNumber())), existing, today, now);
        if (!validated.violations().isEmpty()) {
            return EntryResult.refused(validated.violations());
        }
        boolean replaces = existing.isPresent() && !existing.get().withdrawn();
        return EntryResult.stored(replaces ? 200 : 201, validated.plan());
    }

    private static EntryResult withdraw(Optional<PlanRecord> existing, Instant now) {
        if (existing.isEmpty()) {
            return EntryResult.refused(List.of(new CpisException(ErrorCode.NOT_FOUND,
                    "This LA holds no plan of this type under this NHS number.", "CareTeam")));
        }
        PlanRecord plan = existing.get();
        // Withdrawing twice is harmless: the replay answers the same as the first time.
        return EntryResult.stored(204, plan.withdrawn() ? plan : plan.withdrawnAt(now));
    }
}
