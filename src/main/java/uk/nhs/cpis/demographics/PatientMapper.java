package uk.nhs.cpis.demographics;

import java.time.LocalDate;
import java.util.Optional;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Reference;

import uk.nhs.cpis.db.StoredText;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.FhirDates;
import uk.nhs.cpis.plan.NhsNumber;

/** FHIR Patient to and from the register's record, refusing what the register cannot hold. */
public final class PatientMapper {
    /** patient.family_name, family_key and family_reversed (V1). */
    static final int FAMILY_MAX = 200;
    /**
     * One less than patient.given_name (200): a notification names the patient "given family" in
     * notification.patient_name, varchar(400), so the given names, a space and the family name must fit.
     */
    static final int GIVEN_MAX = 199;
    /** patient.postcode and postcode_key (V1). */
    static final int POSTCODE_MAX = 16;

    private PatientMapper() {
    }

    /** The record of {@code patient}, born no later than {@code today} (the Europe/London date). */
    public static PatientRecord toRecord(Patient patient, LocalDate today) {
        String nhsNumber = nhsNumberOf(patient);
        String family = patient.getNameFirstRep().getFamily();
        if (family == null || family.isBlank()) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "Patient.name.family is required.", "Patient.name.family");
        }
        if (patient.getGender() == null) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "Patient.gender is required.", "Patient.gender");
        }
        LocalDate birthDate = FhirDates.toLocalDate(patient.getBirthDateElement());
        if (birthDate == null) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "Patient.birthDate must be a full date (YYYY-MM-DD).",
                    "Patient.birthDate");
        }
        if (birthDate.isAfter(today)) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "Patient.birthDate is in the future: the register holds people "
                    + "already born (an unborn child's plan is about the mother).", "Patient.birthDate");
        }
        boolean active = !patient.hasActive() || patient.getActive();
        String replacedBy = replacedByOf(patient, nhsNumber);
        if (!active && replacedBy == null) {
            throw invalid(ErrorCode.INVALID_RESOURCE,
                    "An inactive Patient must have a link of type replaced-by naming the new NHS number.", "Patient.link");
        }
        if (active && replacedBy != null) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "A Patient replaced by another NHS number must have active: false.",
                    "Patient.active");
        }
        // A given name may carry only an extension (no value): it names nobody, and must not be stored as "null".
        String given = String.join(" ", patient.getNameFirstRep().getGiven()
                .stream().filter(g -> g.getValue() != null).map(g -> g.getValue()).toList()).trim();
        String postcode = patient.getAddressFirstRep().getPostalCode();
        requireFits(family.trim(), SearchKeys.name(family), FAMILY_MAX, "Patient.name.family");
        requireFits(given, SearchKeys.name(given), GIVEN_MAX, "Patient.name.given");
        requireFits(postcode, SearchKeys.postcode(postcode), POSTCODE_MAX, "Patient.address.postalCode");
        return new PatientRecord(nhsNumber, family.trim(), given, patient.getGender().toCode(),
                birthDate, postcode, active, replacedBy, motherOf(patient, nhsNumber));
    }

    /**
     * Refuses a text the register could not store, nor the search key stored beside it: upper-casing
     * lengthens some letters ("ß" becomes "SS").
     */
    private static void requireFits(String value, String searchKey, int max, String location) {
        if (value == null) {
            return;
        }
        String problem = StoredText.problem(value, max);
        if (problem == null && searchKey.length() > max) {
            problem = "is longer than " + max + " characters in capitals (\"ß\" is two), the most the service stores";
        }
        if (problem != null) {
            throw invalid(ErrorCode.INVALID_RESOURCE, location + " " + problem + ".", location);
        }
    }

    public static Patient toPatient(PatientRecord record) {
        Patient patient = new Patient();
        patient.setId(record.nhsNumber());
        patient.addIdentifier(nhsIdentifier(record.nhsNumber()));
        var name = patient.addName().setFamily(record.family());
        if (record.given() != null && !record.given().isBlank()) {
            for (String given : record.given().split(" ")) {
                name.addGiven(given);
            }
        }
        patient.setGender(AdministrativeGender.fromCode(record.gender()));
        patient.setBirthDateElement(FhirDates.toDate(record.birthDate()));
        if (record.postcode() != null) {
            patient.addAddress().setPostalCode(record.postcode());
        }
        patient.setActive(record.active());
        if (record.replacedBy() != null) {
            patient.addLink().setType(LinkType.REPLACEDBY).setOther(
                    new Reference("Patient/" + record.replacedBy()).setIdentifier(nhsIdentifier(record.replacedBy())));
        }
        if (record.motherNhsNumber() != null) {
            patient.addExtension(new Extension(Fhir.MOTHER_NHS_NUMBER_EXTENSION, nhsIdentifier(record.motherNhsNumber())));
        }
        return patient;
    }

    public static Identifier nhsIdentifier(String nhsNumber) {
        return new Identifier().setSystem(Fhir.NHS_NUMBER_SYSTEM).setValue(nhsNumber);
    }

    private static String nhsNumberOf(Patient patient) {
        Optional<Identifier> identifier = patient.getIdentifier().stream()
                .filter(i -> Fhir.NHS_NUMBER_SYSTEM.equals(i.getSystem())).findFirst();
        // An NHS identifier without a value (null, [] or {} as sent) is refused, never replaced by Patient.id.
        if (identifier.isPresent() && identifier.get().getValue() == null) {
            throw invalid(ErrorCode.INVALID_NHS_NUMBER, "The NHS number identifier has no value.", "Patient.identifier");
        }
        String fromIdentifier = identifier.map(Identifier::getValue).orElse(null);
        String fromId = patient.getIdElement().getIdPart();
        String nhsNumber = fromIdentifier != null ? fromIdentifier : fromId;
        if (nhsNumber == null) {
            throw invalid(ErrorCode.INVALID_NHS_NUMBER, "The Patient has no NHS number identifier.", "Patient.identifier");
        }
        if (fromIdentifier != null && fromId != null && !fromId.equals(fromIdentifier)) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "Patient.id and the NHS number identifier differ.", "Patient.id");
        }
        requireValid(nhsNumber, "Patient.identifier");
        return nhsNumber;
    }

    private static String replacedByOf(Patient patient, String ownNhsNumber) {
        for (var link : patient.getLink()) {
            if (link.getType() == LinkType.REPLACEDBY) {
                Reference other = link.getOther();
                String nhsNumber = other.getIdentifier().hasValue() ? other.getIdentifier().getValue()
                        : other.getReferenceElement().getIdPart();
                requireValid(nhsNumber, "Patient.link.other");
                if (nhsNumber.equals(ownNhsNumber)) {
                    throw invalid(ErrorCode.INVALID_RESOURCE, "A Patient cannot be replaced by its own NHS number.",
                            "Patient.link.other");
                }
                return nhsNumber;
            }
        }
        return null;
    }

    private static String motherOf(Patient patient, String ownNhsNumber) {
        Extension mother = patient.getExtensionByUrl(Fhir.MOTHER_NHS_NUMBER_EXTENSION);
        if (mother == null) {
            return null;
        }
        if (!(mother.getValue() instanceof Identifier identifier)) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "The mother's NHS number extension needs a valueIdentifier.",
                    "Patient.extension");
        }
        requireValid(identifier.getValue(), "Patient.extension.valueIdentifier");
        if (identifier.getValue().equals(ownNhsNumber)) {
            throw invalid(ErrorCode.INVALID_RESOURCE, "A patient cannot be their own mother.", "Patient.extension");
        }
        return identifier.getValue();
    }

    public static void requireValid(String nhsNumber, String location) {
        if (!NhsNumber.isValid(nhsNumber)) {
            throw invalid(ErrorCode.INVALID_NHS_NUMBER, NhsNumber.whyInvalid(nhsNumber), location);
        }
    }

    private static CpisException invalid(ErrorCode code, String message, String location) {
        return new CpisException(code, message, location);
    }
}
