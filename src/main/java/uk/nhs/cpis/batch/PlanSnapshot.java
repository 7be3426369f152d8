package uk.nhs.cpis.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans a run judges its access events against, read once when the run starts, with each
 * patient's registered name and birth date for the ASNs. Looking them up per event cost two index
 * lookups per event, the larger part of a run; held in memory instead, the run's memory grows with
 * the plans that can still be displayed (a few hundred thousand nationally), never with the events.
 */
public final class PlanSnapshot {
    /** A patient's current plans, and the name and birth date the ASNs show (null when not registered). */
    public record PatientPlans(List<LaPlan> plans, String name, LocalDate birthDate) {
    }

    /** The plans held under one NHS number, which the ASNs about them name. */
    public record Holder(String nhsNumber, PatientPlans patient) {
    }

    private static final PatientPlans NONE = new PatientPlans(List.of(), null, null);

    private final Map<String, PatientPlans> byNhsNumber = new HashMap<>();
    // Supersession: a number to the other numbers of its chain that hold plans. Few numbers are ever
    // replaced, so this stays small.
    private final Map<String, List<String>> linkedHolders = new HashMap<>();
    // The same few hundred LA names on every plan: one String each rather than one per plan.
    private final Map<String, String> laNames = new HashMap<>();

    void add(String nhsNumber, LaPlan plan, String name, LocalDate birthDate) {
        String laName = plan.laName() == null ? null : laNames.computeIfAbsent(plan.laName(), n -> n);
        byNhsNumber.computeIfAbsent(nhsNumber, n -> new PatientPlans(new ArrayList<>(2), name, birthDate)).plans()
                .add(new LaPlan(plan.laCode(), laName, plan.start(), plan.lastDisplayDay()));
    }

    /** Records that an access to {@code nhsNumber} concerns the plans held under the linked {@code holder} too. */
    void link(String nhsNumber, String holder) {
        linkedHolders.computeIfAbsent(nhsNumber, n -> new ArrayList<>(1)).add(holder);
    }

    /** The plans held under this number itself. */
    public PatientPlans of(String nhsNumber) {
        return byNhsNumber.getOrDefault(nhsNumber, NONE);
    }

    /** The plans an access to this number concerns: its own first, then those held under its linked numbers. */
    public List<Holder> holders(String nhsNumber) {
        List<String> linked = linkedHolders.getOrDefault(nhsNumber, List.of());
        List<Holder> holders = new ArrayList<>(1 + linked.size());
        holders.add(new Holder(nhsNumber, of(nhsNumber)));
        linked.forEach(holder -> holders.add(new Holder(holder, of(holder))));
        return holders;
    }

    public int patients() {
        return byNhsNumber.size();
    }
}
