package uk.nhs.cpis.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.demographics.PatientsRegistered;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;
import uk.nhs.cpis.plan.PlanType;

/**
 * Notifications that follow from the demographics register, made in the transaction that stores
 * the patients (so they appear in the feed at once and fail with the load): a newborn naming a
 * mother with a displayable unborn plan tells that plan's LA the newborn's NHS number; a superseded
 * NHS number with displayable plans tells their LAs the new number.
 */
@ApplicationScoped
public class RegistrationNotifier {
    private static final Logger LOG = Logger.getLogger(RegistrationNotifier.class);

    @Inject
    PlanRepository plans;
    @Inject
    PatientRepository patients;
    @Inject
    NotificationRepository notifications;
    @Inject
    DisplayWindow window;
    @Inject
    Clock clock;

    void onRegistered(@Observes PatientsRegistered event) {
        List<PatientRecord> newborns = event.patients().stream().filter(p -> p.motherNhsNumber() != null).toList();
        List<PatientRecord> superseded = event.patients().stream().filter(PatientRecord::superseded).toList();
        if (newborns.isEmpty() && superseded.isEmpty()) {
            return;
        }
        Set<String> subjects = new HashSet<>();
        newborns.forEach(p -> subjects.add(p.motherNhsNumber()));
        superseded.forEach(p -> subjects.add(p.nhsNumber()));
        Map<String, List<PlanRecord>> shown = plans.findDisplayable(subjects, window.today()).stream()
                .collect(Collectors.groupingBy(PlanRecord::nhsNumber));

        List<NotificationRecord> made = new ArrayList<>();
        Map<String, PatientRecord> mothers = patients.findAll(newborns.stream().map(PatientRecord::motherNhsNumber)
                .filter(shown::containsKey).collect(Collectors.toSet()));
        for (PatientRecord newborn : newborns) {
            String mother = newborn.motherNhsNumber();
            for (PlanRecord plan : onePerLa(shown.getOrDefault(mother, List.of()), true)) {
                made.add(NotificationRecord.about(Category.BIRTH, plan.laCode(), plan.laName(), mother,
                        mothers.get(mother), newborn.nhsNumber(), clock.instant()));
            }
        }
        long births = made.size();
        for (PatientRecord old : superseded) {
            for (PlanRecord plan : onePerLa(shown.getOrDefault(old.nhsNumber(), List.of()), false)) {
                made.add(NotificationRecord.about(Category.INACTIVE_NHS_NUMBER, plan.laCode(), plan.laName(),
                        old.nhsNumber(), old, old.replacedBy(), clock.instant()));
            }
        }
        notifications.insertMissing(made);
        LogRef.NOTIF001.log(LOG, births, made.size() - births);
    }

    /** One notification per LA, however many of its plans the patient has. */
    private static List<PlanRecord> onePerLa(List<PlanRecord> plans, boolean unbornOnly) {
        Map<String, PlanRecord> byLa = new LinkedHashMap<>();
        plans.stream().filter(p -> !unbornOnly || p.type() == PlanType.UCPP).forEach(p -> byLa.putIfAbsent(p.laCode(), p));
        return List.copyOf(byLa.values());
    }
}
