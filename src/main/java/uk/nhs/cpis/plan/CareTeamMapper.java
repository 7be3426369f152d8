package uk.nhs.cpis.plan;

import java.time.LocalDate;
import java.util.Date;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.FhirDates;

/** A stored plan as the CareTeam the profile describes; the one mapping for LA and clinical readers. */
public final class CareTeamMapper {
    private CareTeamMapper() {
    }

    /** Whether the plan is past its effective end on the day: the one thing about a CareTeam the day changes. */
    public static boolean hasEnded(PlanRecord plan, LocalDate today) {
        return plan.effectiveEnd().isBefore(today);
    }

    /**
     * {@code period.end} is only the end the LA gave (for a UCPP, the due date). A CPP or LAC given no end
     * is projected to the 18th birthday, which the display window counts from: that date goes in the
     * {@link Fhir#PROJECTED_END_EXTENSION} extension, so that nobody reads it as an agreed end.
     */
    public static CareTeam toCareTeam(PlanRecord plan, PatientRecord patient, LocalDate today) {
        CareTeam careTeam = new CareTeam();
        careTeam.setId(plan.id());
        careTeam.getMeta().addProfile(Fhir.CARE_TEAM_PROFILE).setVersionId(Integer.toString(plan.version()))
                .setLastUpdated(Date.from(plan.updatedAt()));
        if (patient != null) {
            Patient contained = PatientMapper.toPatient(patient);
            contained.setId("patient");
            contained.setActiveElement(null);
            contained.getLink().clear();
            contained.getExtension().clear();
            careTeam.addContained(contained);
            careTeam.setSubject(new Reference("#patient"));
        } else {
            careTeam.setSubject(new Reference().setIdentifier(PatientMapper.nhsIdentifier(plan.nhsNumber())));
        }
        careTeam.setStatus(plan.withdrawn() ? CareTeamStatus.ENTEREDINERROR
                : hasEnded(plan, today) ? CareTeamStatus.INACTIVE : CareTeamStatus.ACTIVE);
        careTeam.addCategory(new CodeableConcept(
                new Coding(Fhir.SNOMED_SYSTEM, plan.type().snomedCode(), plan.type().display())));
        careTeam.setPeriod(new Period().setStartElement(FhirDates.toDateTime(plan.start()))
                .setEndElement(FhirDates.toDateTime(plan.givenEnd())));
        if (plan.givenEnd() == null) {
            careTeam.addExtension(Fhir.PROJECTED_END_EXTENSION, FhirDates.toDate(plan.effectiveEnd()));
        }
        careTeam.setManagingOrganization(java.util.List.of(new Reference()
                .setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM).setValue(plan.laCode()))
                .setDisplay(plan.laName())));
        careTeam.addTelecom().setSystem(ContactPointSystem.PHONE).setUse(ContactPointUse.MOBILE)
                .setValue(plan.emergencyPhone());
        if (plan.officePhone() != null) {
            careTeam.addTelecom().setSystem(ContactPointSystem.PHONE).setUse(ContactPointUse.WORK)
                    .setValue(plan.officePhone());
        }
        return careTeam;
    }
}
