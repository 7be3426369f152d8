package uk.nhs.cpis.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import uk.nhs.cpis.plan.PlansStored;

/**
 * Notifications that follow from the demographics register and from unborn plans, made in the
 * transaction that stores the patients or the plans (so they appear in the feed at once and fail with
 * the load or upload). A newborn naming a mother with an unborn plan whose {@link BirthRule} takes the
 * birth tells that plan's LA the newborn's NHS number, whichever comes first: the newborn's registration
 * or the plan's upload (a premature baby is often registered before it). A superseded NHS number with
 * displayable plans tells their LAs the new number. Each notification's id is derived from what it says,
 * so it is made once however often, and in whichever order, patients and plans arrive.
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

    /** A mother's unborn plan and a baby she is named as mother of. */
    private record Birth(PlanRecord plan, PatientRecord newborn) {
    }

    void onRegistered(@Observes PatientsRegistered event) {
        List<PatientRecord> newborns = event.patients().stream().filter(p -> p.motherNhsNumber() != null).toList();
        List<PatientRecord> superseded = event.patients().stream().filter(PatientRecord::superseded).toList();
        if (newborns.isEmpty() && superseded.isEmpty()) {
            return;
        }
        Map<String, List<PlanRecord>> unborn = plans.findNotWithdrawn(newborns.stream()
                .map(PatientRecord::motherNhsNumber).collect(Collectors.toSet())).stream()
                .collect(Collectors.groupingBy(PlanRecord::nhsNumber));
        List<Birth> births = new ArrayList<>();
        newborns.forEach(newborn -> unborn.getOrDefault(newborn.motherNhsNumber(), List.of())
                .forEach(plan -> births.add(new Birth(plan, newborn))));
        List<NotificationRecord> made = birthNotifications(births);
        long birthCount = made.size();

        Map<String, List<PlanRecord>> shown = plans.findDisplayable(superseded.stream().map(PatientRecord::nhsNumber)
                .collect(Collectors.toSet()), window.today()).stream().collect(Collectors.groupingBy(PlanRecord::nhsNumber));
        for (PatientRecord old : superseded) {
            for (PlanRecord plan : onePerLa(shown.getOrDefault(old.nhsNumber(), List.of()))) {
                made.add(NotificationRecord.about(Category.INACTIVE_NHS_NUMBER, plan.laCode(), plan.laName(),
                        old.nhsNumber(), old, old.replacedBy(), clock.instant()));
            }
        }
        notifications.insertMissing(made);
        LogRef.NOTIF001.log(LOG, birthCount, made.size() - birthCount);
    }

    /** An unborn plan stored for a mother whose newborn the register already holds. */
    void onPlansStored(@Observes PlansStored event) {
        notifyBirths(event.plans().stream().filter(p -> p.type() == PlanType.UCPP && !p.withdrawn()).toList());
    }

    /**
     * The births of every displayable unborn plan, made by each ASN batch run. The two events above miss a
     * birth when the newborn's registration and the mother's plan upload commit at the same moment (neither
     * transaction sees the other's row); this sweep makes it the next night. Notifications already made
     * are not made again.
     */
    public void sweepBirths() {
        notifyBirths(plans.findDisplayableOfType(PlanType.UCPP, window.today()));
    }

    private void notifyBirths(List<PlanRecord> unborn) {
        if (unborn.isEmpty()) {
            return;
        }
        Map<String, List<PatientRecord>> newborns = patients.findNewborns(unborn.stream().map(PlanRecord::nhsNumber)
                .collect(Collectors.toSet())).stream().collect(Collectors.groupingBy(PatientRecord::motherNhsNumber));
        List<Birth> births = new ArrayList<>();
        unborn.forEach(plan -> newborns.getOrDefault(plan.nhsNumber(), List.of())
                .forEach(newborn -> births.add(new Birth(plan, newborn))));
        List<NotificationRecord> made = birthNotifications(births);
        if (!made.isEmpty()) {
            notifications.insertMissing(made);
            LogRef.NOTIF001.log(LOG, made.size(), 0);
        }
    }

    /** A birth notification to the plan's LA for each birth the rule takes, naming the mother as registered. */
    private List<NotificationRecord> birthNotifications(List<Birth> births) {
        List<Birth> counted = births.stream().filter(b -> BirthRule.counts(b.plan(), b.newborn().birthDate())).toList();
        Map<String, PatientRecord> mothers = patients.findAll(counted.stream().map(b -> b.plan().nhsNumber())
                .collect(Collectors.toSet()));
        List<NotificationRecord> made = new ArrayList<>();
        for (Birth birth : counted) {
            PlanRecord plan = birth.plan();
            made.add(NotificationRecord.about(Category.BIRTH, plan.laCode(), plan.laName(), plan.nhsNumber(),
                    mothers.get(plan.nhsNumber()), birth.newborn().nhsNumber(), clock.instant()));
        }
        return made;
    }

    /** One notification per LA, however many of its plans the patient has. */
    private static List<PlanRecord> onePerLa(List<PlanRecord> plans) {
        Map<String, PlanRecord> byLa = new LinkedHashMap<>();
        plans.forEach(p -> byLa.putIfAbsent(p.laCode(), p));
        return List.copyOf(byLa.values());
    }
}
