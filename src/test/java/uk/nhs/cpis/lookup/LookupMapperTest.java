package uk.nhs.cpis.lookup;

import java.time.Instant;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.fhir.ProfileValidator;

/** The lookups' plain R4 resources (no profile exists for Flag or AuditEvent) validate against R4. */
@QuarkusTest // ProfileValidator must load under the Quarkus class loader: see ProfileValidator
class LookupMapperTest {
    private static final String NHS = "9990000018";

    @Test
    void shouldBuildAValidFlagSearchset() {
        Bundle bundle = LookupMapper.searchset("https://cpis.local/fhir/Flag?patient:identifier=x", 1);
        LookupMapper.addMatch(bundle, "https://cpis.local/fhir/Flag/" + LookupMapper.flagId(NHS), LookupMapper.flag(NHS));
        ProfileValidator.instance().assertValid(bundle);
    }

    @Test
    void shouldBuildAValidPreviousViewsSearchset() {
        AccessEvent view = new AccessEvent(42L, Instant.parse("2026-11-02T09:26:00Z"), NHS, "555000000001",
                "Dr Anna Jones", "ED Consultant", "RX101", "Northtown General Hospital");
        Bundle bundle = LookupMapper.searchset("https://cpis.local/fhir/AuditEvent?patient:identifier=x", 1);
        LookupMapper.addMatch(bundle, "https://cpis.local/fhir/AuditEvent/42", LookupMapper.auditEvent(view));
        ProfileValidator.instance().assertValid(bundle);
    }
}
