package uk.nhs.cpis.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientsRegistered;
import uk.nhs.cpis.fhir.LogRef;

/**
 * Keeps the stored end of plans given none (CPP, LAC: projected to the 18th birthday) in step with the
 * register. The end and the last display day are stored at upload so lookups select by index; when the
 * register later corrects a birth date, they move in the transaction that stores the patient, or the
 * plan would show on the wrong days while its CareTeam carries the new birth date.
 */
@ApplicationScoped
public class ProjectedEnds {
    private static final Logger LOG = Logger.getLogger(ProjectedEnds.class);

    @Inject
    PlanRepository plans;

    void onRegistered(@Observes PatientsRegistered event) {
        // A chunk naming a patient twice stores the later line; so does this.
        Map<String, LocalDate> birthDates = event.patients().stream()
                .collect(Collectors.toMap(PatientRecord::nhsNumber, PatientRecord::birthDate, (first, later) -> later));
        List<PlanRecord> moved = new ArrayList<>();
        for (PlanRecord plan : plans.findProjected(birthDates.keySet())) {
            PlanRecord projected = plan.projectedFrom(birthDates.get(plan.nhsNumber()));
            if (!projected.effectiveEnd().equals(plan.effectiveEnd())) {
                moved.add(projected);
            }
        }
        if (!moved.isEmpty()) {
            plans.updateDerivedEnds(moved);
            LogRef.PLAN001.log(LOG, moved.size());
        }
    }
}
