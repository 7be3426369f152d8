package uk.nhs.cpis.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.fhir.ProfileValidator;

/**
 * Every kind of notification the service sends conforms to the cpis-notification profile. (A plain
 * test: the HAPI validator must not be loaded into the Quarkus test class loader as well.)
 */
@QuarkusTest // ProfileValidator must load under the Quarkus class loader: see ProfileValidator
class NotificationMapperTest {
    private static final PatientRecord JOHNNY = new PatientRecord("9434765919", "Smith", "Johnny", "male",
            LocalDate.parse("2020-01-15"), "NT1 1AA", true, null, null);
    private static final Instant MADE = Instant.parse("2025-03-08T01:00:05Z");

    @Test
    void shouldSendAnAsnThatConformsToTheProfile() {
        NotificationRecord asn = NotificationRecord.asn("LA330", "Northtown Council", "run-1", 42L,
                Instant.parse("2025-03-07T20:04:11Z"), "555000000001", "Dr Anna Jones", "ED Consultant", "RX101",
                "Northtown General Hospital", JOHNNY.nhsNumber(), "Johnny Smith", JOHNNY.birthDate(), MADE);
        Communication communication = NotificationMapper.toCommunication(new FeedEntry(1, asn, false));

        ProfileValidator.instance().assertValid(communication);
        assertEquals("Child protection information viewed at Northtown General Hospital by Dr Anna Jones "
                + "(ED Consultant).", communication.getPayloadFirstRep().getContentStringType().getValue());
        assertEquals("2025-03-07T20:04:11Z", communication.getExtensionByUrl(
                "https://cpis.local/fhir/StructureDefinition/notification-access-time").getValue().primitiveValue());
    }

    @Test
    void shouldSendAnAcknowledgedRestrictedAsnWithoutUserNameOrRoleThatConforms() {
        NotificationRecord asn = NotificationRecord.asn("LA330", "Northtown Council", "run-1", 43L, MADE,
                "555000000002", null, null, "RX101", null, JOHNNY.nhsNumber(), "Johnny Smith", JOHNNY.birthDate(),
                MADE);
        NotificationRecord acknowledged = new NotificationRecord(asn.id(), asn.laCode(), asn.laName(), asn.category(),
                asn.batchRunId(), asn.accessEventId(), asn.nhsNumber(), asn.patientName(), asn.patientBirthDate(),
                asn.accessedAt(), asn.userId(), asn.userName(), asn.jobRole(), asn.orgCode(), asn.orgName(), null,
                asn.createdAt(), MADE.plusSeconds(3600), new Acknowledger("555000000777", "Sam Worker", "Social Worker"));
        Communication communication = NotificationMapper.toCommunication(new FeedEntry(2, acknowledged, true));

        ProfileValidator.instance().assertValid(communication);
        assertEquals("R", communication.getMeta().getSecurityFirstRep().getCode());
        assertEquals("Sam Worker", ((Reference) communication.getExtensionByUrl(
                "https://cpis.local/fhir/StructureDefinition/notification-acknowledged-by").getValue()).getDisplay());
    }

    @Test
    void shouldSendBirthAndInactiveNhsNumberNotificationsThatConform() {
        PatientRecord tracy = new PatientRecord("9434765870", "Jones", "Tracy", "female", LocalDate.parse("2001-05-02"),
                null, true, null, null);
        ProfileValidator.instance().assertValid(NotificationMapper.toCommunication(new FeedEntry(3,
                NotificationRecord.about(Category.BIRTH, "LA330", "Northtown Council", tracy.nhsNumber(), tracy,
                        "9434765919", MADE), false)));
        ProfileValidator.instance().assertValid(NotificationMapper.toCommunication(new FeedEntry(4,
                NotificationRecord.about(Category.INACTIVE_NHS_NUMBER, "LA330", null, JOHNNY.nhsNumber(), JOHNNY,
                        "9434765870", MADE), false)));
    }
}
