package uk.nhs.cpis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlanSnapshotTest {
    private static final LocalDate BORN = LocalDate.of(2016, 2, 29);

    @Test
    void shouldKeepEveryPlanOfAPatientWithItsNameAndBirthDate() {
        PlanSnapshot snapshot = new PlanSnapshot();
        LaPlan cpp = new LaPlan("LA330", "Northtown Council", LocalDate.of(2025, 2, 1), LocalDate.of(2035, 2, 28));
        LaPlan lac = new LaPlan("LA602", "Southtown Council", LocalDate.of(2025, 3, 1), LocalDate.of(2035, 2, 28));
        snapshot.add("9990000018", cpp, "Johnny Taylor", BORN);
        snapshot.add("9990000018", lac, "Johnny Taylor", BORN);

        PlanSnapshot.PatientPlans patient = snapshot.of("9990000018");

        assertEquals(List.of(cpp, lac), patient.plans());
        assertEquals("Johnny Taylor", patient.name());
        assertEquals(BORN, patient.birthDate());
        assertEquals(1, snapshot.patients());
    }

    @Test
    void shouldAnswerNoPlansForAPatientItDoesNotHold() {
        PlanSnapshot.PatientPlans patient = new PlanSnapshot().of("9990000018");

        assertTrue(patient.plans().isEmpty());
        assertNull(patient.name());
        assertNull(patient.birthDate());
    }

    @Test
    void shouldHoldEachLaNameOnceHoweverManyPlansCarryIt() {
        PlanSnapshot snapshot = new PlanSnapshot();
        LocalDate start = LocalDate.of(2025, 2, 1);
        LocalDate last = LocalDate.of(2026, 2, 1);
        snapshot.add("9990000018", new LaPlan("LA330", new String("Northtown Council"), start, last), null, null);
        snapshot.add("9990000026", new LaPlan("LA330", new String("Northtown Council"), start, last), null, null);

        assertSame(snapshot.of("9990000018").plans().get(0).laName(), snapshot.of("9990000026").plans().get(0).laName());
    }
}
