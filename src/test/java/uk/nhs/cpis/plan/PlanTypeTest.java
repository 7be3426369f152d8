package uk.nhs.cpis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTypeTest {

    @Test
    void shouldCarryContractSnomedCodes() {
        assertEquals("342191000000101", PlanType.CPP.snomedCode());
        assertEquals("764841000000100", PlanType.LAC.snomedCode());
        assertEquals("818901000000100", PlanType.UCPP.snomedCode());
    }

    @Test
    void shouldCarryDisplayNames() {
        assertEquals("Child Protection Plan", PlanType.CPP.display());
        assertEquals("Looked After Child", PlanType.LAC.display());
        assertEquals("Unborn Child Protection Plan", PlanType.UCPP.display());
    }

    @Test
    void shouldFindEachTypeByItsSnomedCode() {
        for (PlanType type : PlanType.values()) {
            assertEquals(Optional.of(type), PlanType.fromSnomedCode(type.snomedCode()));
        }
    }

    @Test
    void shouldFindNothingForUnknownOrMissingCode() {
        assertTrue(PlanType.fromSnomedCode("123").isEmpty());
        assertTrue(PlanType.fromSnomedCode("CPP").isEmpty());
        assertTrue(PlanType.fromSnomedCode(null).isEmpty());
    }

    @Test
    void shouldShowCppAndLacFor364DaysAfterEnd() {
        assertEquals(Period.ofDays(364), PlanType.CPP.displayAfterEnd());
        assertEquals(Period.ofDays(364), PlanType.LAC.displayAfterEnd());
    }

    @Test
    void shouldShowUcppFor28DaysAfterEnd() {
        assertEquals(Period.ofDays(28), PlanType.UCPP.displayAfterEnd());
    }
}
