package uk.nhs.cpis.lookup;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.fhir.Fhir;

/** The plain R4 resources of the lookups (no profile exists for Flag or AuditEvent) (their searchsets are SearchsetJson). */
final class LookupMapper {
    static final String FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String AUDIT_EVENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String FLAG_TEXT = "Child protection information available";

    private LookupMapper() {
    }

    static final String NOT_REGISTERED = "This NHS number is not in the demographics register, so no CP information "
            + "can be held under it: this answer does not mean the child has no plan. Check the number, or search "
            + "for the patient by name and birth date.";

    /** Why a search of a number the register does not hold found nothing. */
    static OperationOutcome notRegistered() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.NOTFOUND)
                .setDiagnostics(NOT_REGISTERED).addExpression(LookupService.PATIENT);
        return outcome;
    }

    /**
     * That CP information exists, and nothing more: a presence check records no view, so it must not
     * disclose the plan's type, dates or LA.
     */
    static Flag flag(String nhsNumber) {
        Flag flag = new Flag();
        flag.setId(flagId(nhsNumber));
        flag.setStatus(FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY_SYSTEM, "safety", "Safety")));
        flag.setCode(new CodeableConcept().setText(FLAG_TEXT));
        flag.setSubject(new Reference().setIdentifier(PatientMapper.nhsIdentifier(nhsNumber)));
        return flag;
    }

    /** One Flag per patient at most: its id is the patient's. */
    static String flagId(String nhsNumber) {
        return "cpis-" + nhsNumber;
    }

    /** A previous view: when, who (SDS user id, name, job role) and from which organisation. */
    static AuditEvent auditEvent(AccessEvent event) {
        AuditEvent audit = new AuditEvent();
        audit.setId(Long.toString(event.id()));
        audit.setType(new Coding(AUDIT_EVENT_TYPE_SYSTEM, "rest", "RESTful Operation"));
        audit.setAction(AuditEventAction.R);
        // In UTC whatever the server's zone, so that the same view always reads the same.
        InstantType recorded = new InstantType(Date.from(event.accessedAt()), TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone(ZoneOffset.UTC));
        recorded.setTimeZoneZulu(true);
        audit.setRecordedElement(recorded);
        audit.setOutcome(AuditEventOutcome._0);
        audit.addAgent()
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(Fhir.SDS_USER_SYSTEM)
                        .setValue(event.userId())).setDisplay(event.userName()))
                .setName(event.userName())
                .addRole(new CodeableConcept().setText(event.jobRole()))
                .setRequestor(true);
        audit.getSource().setObserver(new Reference().setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM)
                .setValue(event.orgCode())).setDisplay(event.orgName()));
        audit.addEntity().setWhat(new Reference().setIdentifier(PatientMapper.nhsIdentifier(event.nhsNumber())));
        return audit;
    }
}
