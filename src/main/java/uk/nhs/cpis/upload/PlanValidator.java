package uk.nhs.cpis.upload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import uk.nhs.cpis.db.StoredText;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.SearchKeys;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.FhirDates;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.NhsNumber;
import uk.nhs.cpis.plan.PlanKey;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanType;

/**
 * The upload rules of spec section 4 for one CareTeam: every violation is reported, each with its
 * catalogue code and the path of the offending field.
 */
final class PlanValidator {
    // Widths of the care_plan columns these values are stored in (V1 migration).
    private static final int PHONE_WIDTH = 40;
    private static final int LA_NAME_WIDTH = 200;

    private final List<CpisException> violations = new ArrayList<>();

    private PlanValidator() {
    }

    /** The plan to store, or the violations that stop it. */
    record Result(PlanRecord plan, List<CpisException> violations) {
    }

    static Result validate(PlanKey key, CareTeam careTeam, Uploader la, Optional<PatientRecord> registered,
            Optional<PlanRecord> existing, LocalDate today, Instant now) {
        return new PlanValidator().check(key, careTeam, la, registered, existing, today, now);
    }

    private Result check(PlanKey key, CareTeam careTeam, Uploader la, Optional<PatientRecord> registered,
            Optional<PlanRecord> existing, LocalDate today, Instant now) {
        Patient subject = containedSubject(careTeam);
        String nhsNumber = subject == null ? null : nhsNumberOf(subject);
        if (subject == null) {
            fail(ErrorCode.INVALID_RESOURCE, "subject must reference a contained Patient (\"#id\").", "CareTeam.subject");
        } else if (nhsNumber == null || !NhsNumber.isValid(nhsNumber)) {
            fail(ErrorCode.INVALID_NHS_NUMBER, "The contained Patient needs a valid NHS number. "
                    + NhsNumber.whyInvalid(nhsNumber), "CareTeam.contained[0].identifier");
        } else if (!nhsNumber.equals(key.nhsNumber())) {
            fail(ErrorCode.INVALID_RESOURCE, "The contained Patient's NHS number differs from the request URL's.",
                    "CareTeam.contained[0].identifier");
        }
        checkStatus(careTeam);
        checkCategory(careTeam, key.type());
        checkOrganisation(careTeam, la);
        PatientRecord patient = subject == null ? null : checkRegister(subject, key.nhsNumber(), registered);

        LocalDate start = FhirDates.toLocalDate(careTeam.getPeriod().getStartElement());
        LocalDate givenEnd = FhirDates.toLocalDate(careTeam.getPeriod().getEndElement());
        if (careTeam.getPeriod().hasEnd() && givenEnd == null) {
            fail(ErrorCode.INVALID_RESOURCE, "period.end must be a full date.", "CareTeam.period.end");
        }
        if (start == null) {
            fail(ErrorCode.MISSING_START_DATE, "period.start (a full date) is required.", "CareTeam.period.start");
        } else if (start.isAfter(today)) {
            fail(ErrorCode.START_DATE_IN_FUTURE, "period.start is after today.", "CareTeam.period.start");
        } else if (givenEnd != null && givenEnd.isBefore(start)) {
            fail(ErrorCode.END_BEFORE_START, "period.end is before period.start.", "CareTeam.period.end");
        }
        LocalDate effectiveEnd = null;
        if (key.type() == PlanType.UCPP) {
            if (givenEnd == null) {
                fail(ErrorCode.MISSING_DUE_DATE, "An unborn child protection plan needs period.end, the expected "
                        + "due date.", "CareTeam.period.end");
            }
            effectiveEnd = givenEnd;
        } else if (patient != null) {
            LocalDate eighteenth = DisplayWindow.eighteenthBirthday(patient.birthDate());
            if (givenEnd != null && givenEnd.isAfter(eighteenth)) {
                fail(ErrorCode.END_AFTER_18TH_BIRTHDAY, "period.end is after the child's 18th birthday.",
                        "CareTeam.period.end");
            } else if (givenEnd == null && start != null && eighteenth.isBefore(start)) {
                fail(ErrorCode.END_AFTER_18TH_BIRTHDAY, "The child was 18 before period.start: a "
                        + key.type().display() + " ends at the latest on the 18th birthday.", "CareTeam.period.start");
            }
            effectiveEnd = DisplayWindow.effectiveEnd(key.type(), givenEnd, patient.birthDate());
        }
        String emergency = phone(careTeam, ContactPointUse.MOBILE, "emergency duty number");
        String office = phone(careTeam, ContactPointUse.WORK, "office-hours number");
        if (emergency == null) {
            fail(ErrorCode.MISSING_EMERGENCY_NUMBER, "telecom with use 'mobile' (the emergency duty number) is required.",
                    "CareTeam.telecom");
        }
        if (!violations.isEmpty()) {
            return new Result(null, List.copyOf(violations));
        }
        String laName = careTeam.getManagingOrganizationFirstRep().hasDisplay()
                ? careTeam.getManagingOrganizationFirstRep().getDisplay()
                : la.laName();
        PlanRecord plan = new PlanRecord(existing.map(PlanRecord::id).orElseGet(() -> UUID.randomUUID().toString()),
                la.laCode(), laName, key.nhsNumber(), key.type(), start, givenEnd, effectiveEnd,
                DisplayWindow.lastDisplayDay(key.type(), effectiveEnd), emergency, office,
                false, existing.map(p -> p.version() + 1).orElse(1), existing.map(PlanRecord::createdAt).orElse(now), now);
        return new Result(plan, List.of());
    }

    private void checkCategory(CareTeam careTeam, PlanType type) {
        boolean matches = careTeam.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> Fhir.SNOMED_SYSTEM.equals(c.getSystem()) && type.snomedCode().equals(c.getCode()));
        if (!matches) {
            fail(ErrorCode.INVALID_PLAN_TYPE, "category must carry the SNOMED CT code " + type.snomedCode() + " ("
                    + type.display() + ") named in the request URL.", "CareTeam.category");
        }
    }

    /**
     * The service shows a plan as active, or inactive once its end has passed, whatever status it was sent
     * with: a status it would not show is refused rather than stored as something else.
     */
    private void checkStatus(CareTeam careTeam) {
        if (!careTeam.hasStatus() || careTeam.getStatus() == CareTeamStatus.ACTIVE) {
            return;
        }
        if (careTeam.getStatus() == CareTeamStatus.ENTEREDINERROR) {
            fail(ErrorCode.INVALID_RESOURCE, "status 'entered-in-error' cannot be uploaded: to withdraw a plan sent "
                    + "in error, send DELETE on its conditional URL.", "CareTeam.status");
        } else {
            fail(ErrorCode.INVALID_RESOURCE, "status must be 'active' (or absent): the service shows a plan as "
                    + "inactive once period.end has passed. To end a plan send period.end; to withdraw it, DELETE.",
                    "CareTeam.status");
        }
    }

    private void checkOrganisation(CareTeam careTeam, Uploader la) {
        if (careTeam.getManagingOrganization().size() > 1) {
            // Only one LA is stored and shown: a second would be dropped unseen.
            fail(ErrorCode.INVALID_RESOURCE, "managingOrganization must be exactly one: the uploading LA.",
                    "CareTeam.managingOrganization[1]");
        }
        String name = careTeam.getManagingOrganizationFirstRep().getDisplay();
        String nameProblem = name == null ? null : StoredText.problem(name, LA_NAME_WIDTH);
        if (nameProblem != null) {
            fail(ErrorCode.INVALID_RESOURCE, "managingOrganization.display (the LA's name) " + nameProblem + ".",
                    "CareTeam.managingOrganization[0].display");
        }
        Identifier org = careTeam.getManagingOrganizationFirstRep().getIdentifier();
        if (!Fhir.ODS_CODE_SYSTEM.equals(org.getSystem()) || !org.hasValue()) {
            fail(ErrorCode.INVALID_RESOURCE, "managingOrganization.identifier must be the LA's ODS code.",
                    "CareTeam.managingOrganization");
        } else if (!la.laCode().equals(org.getValue())) {
            fail(ErrorCode.ORGANISATION_MISMATCH, "managingOrganization " + org.getValue()
                    + " is not the caller's own LA " + la.laCode() + ".", "CareTeam.managingOrganization");
        }
    }

    private PatientRecord checkRegister(Patient subject, String nhsNumber, Optional<PatientRecord> registered) {
        if (registered.isEmpty()) {
            fail(ErrorCode.PATIENT_NOT_FOUND, "No patient with this NHS number in the demographics register.",
                    "CareTeam.contained[0].identifier");
            return null;
        }
        PatientRecord patient = registered.get();
        if (patient.superseded()) {
            fail(ErrorCode.PATIENT_SUPERSEDED, "NHS number " + nhsNumber + " has been superseded by "
                    + patient.replacedBy() + ": resubmit the plan under the new number.",
                    "CareTeam.contained[0].identifier");
            return null;
        }
        if (!patient.active()) {
            fail(ErrorCode.PATIENT_INACTIVE, "The patient's record is not active in the demographics register.",
                    "CareTeam.contained[0].identifier");
            return null;
        }
        String family = subject.getNameFirstRep().getFamily();
        if (family == null || !SearchKeys.name(family).equals(SearchKeys.name(patient.family()))) {
            fail(ErrorCode.DEMOGRAPHICS_MISMATCH, "The family name does not match the demographics register.",
                    "CareTeam.contained[0].name[0].family");
        }
        if (!patient.birthDate().equals(FhirDates.toLocalDate(subject.getBirthDateElement()))) {
            fail(ErrorCode.DEMOGRAPHICS_MISMATCH, "The birth date does not match the demographics register.",
                    "CareTeam.contained[0].birthDate");
        }
        return patient;
    }

    private static Patient containedSubject(CareTeam careTeam) {
        String reference = careTeam.getSubject().getReference();
        if (reference == null || !reference.startsWith("#")) {
            return null;
        }
        for (Resource contained : careTeam.getContained()) {
            // HAPI keeps a contained id with or without its '#', depending on how it was read.
            if (contained instanceof Patient patient
                    && reference.substring(1).equals(patient.getIdElement().getIdPart().replaceFirst("^#", ""))) {
                return patient;
            }
        }
        return null;
    }

    private static String nhsNumberOf(Patient patient) {
        // An NHS identifier without a value (null, [] or {} as sent) is no number: null, refused as invalid.
        return patient.getIdentifier().stream().filter(i -> Fhir.NHS_NUMBER_SYSTEM.equals(i.getSystem()))
                .findFirst().map(Identifier::getValue).orElse(null);
    }

    /** The first number with this use, refused (but still answered, so not reported missing) when unfit. */
    private String phone(CareTeam careTeam, ContactPointUse use, String name) {
        List<ContactPoint> telecom = careTeam.getTelecom();
        for (int i = 0; i < telecom.size(); i++) {
            ContactPoint point = telecom.get(i);
            if (point.getUse() != use || point.getValue() == null || point.getValue().isBlank()) {
                continue;
            }
            String at = "CareTeam.telecom[" + i + "]";
            if (point.getSystem() != ContactPointSystem.PHONE) {
                // Clinicians ring this number: an e-mail address or pager code here would be shown as one.
                fail(ErrorCode.INVALID_RESOURCE, "The " + name + " (telecom with use '" + use.toCode()
                        + "') must have system 'phone'.", at + ".system");
            }
            String problem = StoredText.problem(point.getValue(), PHONE_WIDTH);
            if (problem != null) {
                fail(ErrorCode.INVALID_RESOURCE, "The " + name + " " + problem + ".", at + ".value");
            }
            return point.getValue();
        }
        return null;
    }

    private void fail(ErrorCode code, String message, String location) {
        violations.add(new CpisException(code, message, location));
    }
}
