package uk.nhs.cpis.staff;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PractitionerRole;

import uk.nhs.cpis.db.StoredText;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;

/** A register line, a FHIR PractitionerRole (contract §8.2), as the staff member it lists. */
final class StaffMapper {
    private static final int USER_ID_MAX = 64;
    private static final int ORG_CODE_MAX = 16;
    private static final int TEXT_MAX = 200;

    private StaffMapper() {
    }

    static StaffMember toMember(PractitionerRole role) {
        Identifier user = role.getPractitioner().getIdentifier();
        String userId = required(Fhir.SDS_USER_SYSTEM.equals(user.getSystem()) ? user.getValue() : null, USER_ID_MAX,
                "PractitionerRole.practitioner.identifier", "the SDS user id (system " + Fhir.SDS_USER_SYSTEM + ")");
        String name = required(role.getPractitioner().getDisplay(), TEXT_MAX, "PractitionerRole.practitioner.display",
                "the staff member's name");
        Identifier organisation = role.getOrganization().getIdentifier();
        String orgCode = required(Fhir.ODS_CODE_SYSTEM.equals(organisation.getSystem()) ? organisation.getValue() : null,
                ORG_CODE_MAX, "PractitionerRole.organization.identifier",
                "the ODS code of the organisation (system " + Fhir.ODS_CODE_SYSTEM + ")");
        String jobRole = role.getCode().stream().map(CodeableConcept::getText).filter(text -> text != null
                && !text.isBlank()).findFirst().map(String::trim).orElse(null);
        fits(jobRole, TEXT_MAX, "PractitionerRole.code.text");
        return new StaffMember(userId, orgCode, name, jobRole, !role.hasActive() || role.getActive());
    }

    private static String required(String value, int max, String location, String what) {
        if (value == null || value.isBlank()) {
            throw new CpisException(ErrorCode.INVALID_RESOURCE, location + " is required: " + what + ".", location);
        }
        fits(value.trim(), max, location);
        return value.trim();
    }

    private static void fits(String value, int max, String location) {
        String problem = value == null ? null : StoredText.problem(value, max);
        if (problem != null) {
            throw new CpisException(ErrorCode.INVALID_RESOURCE, location + " " + problem + ".", location);
        }
    }
}
