package uk.nhs.cpis.notification;

import java.time.Instant;
import java.util.Date;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.FhirDates;
import uk.nhs.cpis.notification.restriction.LaPerson;
import uk.nhs.cpis.notification.restriction.LaRestriction;

/** A stored notification as the Communication the profile {@code cpis-notification} describes. */
public final class NotificationMapper {
    public static final String PROFILE = Fhir.CANONICAL_BASE + "/StructureDefinition/cpis-notification";
    private static final String EXTENSION = Fhir.CANONICAL_BASE + "/StructureDefinition/notification-";
    // The HL7 confidentiality code "restricted": tells a permitted reader the child's notifications are restricted.
    private static final Coding RESTRICTED = new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R",
            "restricted");

    private NotificationMapper() {
    }

    public static Communication toCommunication(FeedEntry entry) {
        NotificationRecord n = entry.notification();
        Communication communication = new Communication();
        communication.setId(n.id());
        communication.getMeta().addProfile(PROFILE);
        if (entry.restricted()) {
            communication.getMeta().addSecurity(RESTRICTED.copy());
        }
        communication.setStatus(CommunicationStatus.COMPLETED);
        communication.addCategory().addCoding(new Coding(Fhir.NOTIFICATION_CATEGORY_SYSTEM, n.category().code(),
                n.category().display()));
        communication.setSubject(new Reference().setIdentifier(PatientMapper.nhsIdentifier(n.nhsNumber()))
                .setDisplay(n.patientName() == null ? "Not in the demographics register" : n.patientName()));
        communication.setSentElement(dateTime(n.createdAt()));
        communication.addRecipient(organisation(n.laCode(), n.laName()));
        communication.addPayload().setContent(new StringType(summary(n)));
        if (n.patientBirthDate() != null) {
            communication.addExtension(EXTENSION + "patient-birth-date", FhirDates.toDate(n.patientBirthDate()));
        }
        if (n.category() == Category.ASN) {
            communication.addExtension(EXTENSION + "access-time", dateTime(n.accessedAt()));
            communication.addExtension(EXTENSION + "accessing-user", new Reference()
                    .setIdentifier(new Identifier().setSystem(Fhir.SDS_USER_SYSTEM).setValue(n.userId()))
                    .setDisplay(n.userName() == null ? n.userId() : n.userName()));
            if (n.jobRole() != null) {
                communication.addExtension(EXTENSION + "job-role", new StringType(n.jobRole()));
            }
            communication.addExtension(EXTENSION + "accessing-organization", organisation(n.orgCode(), n.orgName()));
        }
        if (n.batchRunId() != null) {
            communication.addExtension(EXTENSION + "batch-run", new StringType(n.batchRunId()));
        }
        if (n.category() == Category.BIRTH) {
            communication.addExtension(EXTENSION + "newborn-nhs-number",
                    PatientMapper.nhsIdentifier(n.relatedNhsNumber()));
        }
        if (n.category() == Category.INACTIVE_NHS_NUMBER) {
            communication.addExtension(EXTENSION + "new-nhs-number", PatientMapper.nhsIdentifier(n.relatedNhsNumber()));
        }
        if (n.acknowledgedAt() != null) {
            communication.addExtension(EXTENSION + "acknowledged", dateTime(n.acknowledgedAt()));
        }
        if (n.acknowledgedBy() != null) {
            Acknowledger by = n.acknowledgedBy();
            communication.addExtension(EXTENSION + "acknowledged-by", new Reference()
                    .setIdentifier(new Identifier().setSystem(Fhir.SDS_USER_SYSTEM).setValue(by.userId()))
                    .setDisplay(orElse(by.name(), by.userId())));
            if (by.jobRole() != null) {
                communication.addExtension(EXTENSION + "acknowledged-by-job-role", new StringType(by.jobRole()));
            }
        }
        return communication;
    }

    /**
     * Seed 000's note on a restricted record, "when and why the case was restricted with the relevant
     * authorisation" and the "manager responsible", for those who may read the child's notifications.
     */
    public static void addRestrictionNote(Communication communication, LaRestriction restriction) {
        StringBuilder text = new StringBuilder("Restricted: ").append(restriction.reason());
        appendPerson(text, " Requested by ", restriction.requestedBy());
        appendPerson(text, " Authorised by ", restriction.authorisedBy());
        appendPerson(text, " Responsible manager: ", restriction.responsibleManager());
        communication.addNote().setTimeElement(dateTime(restriction.createdAt())).setText(text.toString());
    }

    private static void appendPerson(StringBuilder text, String label, LaPerson person) {
        if (person != null) {
            text.append(text.charAt(text.length() - 1) == '.' ? "" : ".").append(label).append(person.name())
                    .append(" (").append(person.jobRole()).append(").");
        }
    }

    private static String summary(NotificationRecord n) {
        return switch (n.category()) {
            case ASN -> "Child protection information viewed at " + orElse(n.orgName(), n.orgCode()) + " by "
                    + orElse(n.userName(), n.userId()) + (n.jobRole() == null ? "" : " (" + n.jobRole() + ")") + ".";
            case BIRTH -> "A baby with NHS number " + n.relatedNhsNumber() + " was born to a mother with an unborn "
                    + "child protection plan from this local authority: provide child protection information for "
                    + "the newborn where required.";
            case INACTIVE_NHS_NUMBER -> "NHS number " + n.nhsNumber() + " has been replaced by " + n.relatedNhsNumber()
                    + ": resubmit the plan under the new NHS number.";
        };
    }

    private static Reference organisation(String odsCode, String name) {
        return new Reference().setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM).setValue(odsCode))
                .setDisplay(orElse(name, odsCode));
    }

    private static DateTimeType dateTime(Instant instant) {
        DateTimeType dateTime = new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND);
        dateTime.setTimeZoneZulu(true);
        return dateTime;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
