package uk.nhs.cpis.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.fhir.ProfileValidator;
import uk.nhs.cpis.fhir.SearchsetJson;
import uk.nhs.cpis.plan.CareTeamMapper;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanType;

/**
 * The lookups' plain R4 resources (no profile exists for Flag or AuditEvent) validate against R4, in the
 * searchsets the lookups write around them ({@link SearchsetJson}), which are exactly HAPI's encoding of the
 * same Bundle; the encodings kept from start-up ({@link EncodedFixedResources}) are exactly HAPI's too.
 */
@QuarkusTest // ProfileValidator must load under the Quarkus class loader: see ProfileValidator
class LookupMapperTest {
    private static final String NHS = "9990000018";
    private static final String SELF = "https://cpis.local/fhir/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/"
            + "nhs-number%7C" + NHS;

    @Inject
    FhirContext fhir;
    @Inject
    EncodedFixedResources fixedJson;

    @Test
    void shouldBuildAValidFlagSearchset() {
        Bundle bundle = parsed(SearchsetJson.of("https://cpis.local/fhir/Flag?patient:identifier=x", 1)
                .match("https://cpis.local/fhir/Flag/" + LookupMapper.flagId(NHS), encoded(LookupMapper.flag(NHS)))
                .end().json());
        ProfileValidator.instance().assertValid(bundle);
    }

    @Test
    void shouldBuildAValidPreviousViewsSearchset() {
        AccessEvent view = new AccessEvent(42L, Instant.parse("2026-11-02T09:26:00Z"), NHS, "555000000001",
                "Dr Anna Jones", "ED Consultant", "RX101", "Northtown General Hospital");
        Bundle bundle = parsed(SearchsetJson.of("https://cpis.local/fhir/AuditEvent?patient:identifier=x", 1)
                .match("https://cpis.local/fhir/AuditEvent/42", encoded(LookupMapper.auditEvent(view))).end().json());
        ProfileValidator.instance().assertValid(bundle);
    }

    @Test
    void shouldWriteTheSearchsetHapiWritesForTheSameBundle() {
        LocalDate today = LocalDate.of(2026, 12, 5);
        PatientRecord child = new PatientRecord(NHS, "Smith", "Jo \"JJ\" Ñúñez", "female", LocalDate.of(2019, 2, 28),
                "LS1 4AP", true, null, null);
        PlanRecord cpp = new PlanRecord("cpp-1", "LA330", "Leeds & District", NHS, PlanType.CPP,
                today.minusDays(40), null, LocalDate.of(2037, 2, 28), LocalDate.of(2038, 2, 27), "0113 000 0000",
                null, false, 2, Instant.parse("2026-10-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:00Z"));
        PlanRecord lac = new PlanRecord("lac-1", "LA602", "Other LA", NHS, PlanType.LAC, today.minusDays(5),
                today.plusDays(30), today.plusDays(30), today.plusDays(394), "01 23", "45 67", false, 1,
                Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:00:00Z"));
        String outcomeUrl = "urn:uuid:" + UUID.randomUUID();

        Bundle expected = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(2);
        expected.addLink().setRelation("self").setUrl(SELF);
        for (PlanRecord plan : new PlanRecord[] { cpp, lac }) {
            expected.addEntry().setFullUrl("https://cpis.local/fhir/CareTeam/" + plan.id())
                    .setResource(CareTeamMapper.toCareTeam(plan, child, today)).getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        expected.addEntry().setFullUrl(outcomeUrl).setResource(LookupMapper.notRegistered()).getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);

        String written = SearchsetJson.of(SELF, 2)
                .match("https://cpis.local/fhir/CareTeam/cpp-1", encoded(CareTeamMapper.toCareTeam(cpp, child, today)))
                .match("https://cpis.local/fhir/CareTeam/lac-1", encoded(CareTeamMapper.toCareTeam(lac, child, today)))
                .outcome(outcomeUrl, encoded(LookupMapper.notRegistered())).end().json();
        assertEquals(fhir.newJsonParser().encodeResourceToString(expected), written);

        Bundle empty = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(0);
        empty.addLink().setRelation("self").setUrl(SELF);
        assertEquals(fhir.newJsonParser().encodeResourceToString(empty), SearchsetJson.of(SELF, 0).end().json());
    }

    @Test
    void shouldKeepEncodingsEqualToHapis() {
        for (String nhsNumber : new String[] { NHS, "9990000026", "4010232137", "0000000000" }) {
            assertEquals(encoded(LookupMapper.flag(nhsNumber)), fixedJson.flag(nhsNumber), nhsNumber);
        }
        assertEquals(encoded(LookupMapper.notRegistered()), fixedJson.notRegistered());
    }

    private String encoded(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private Bundle parsed(String json) {
        return fhir.newJsonParser().parseResource(Bundle.class, json);
    }
}
