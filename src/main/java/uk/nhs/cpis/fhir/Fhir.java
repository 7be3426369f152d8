package uk.nhs.cpis.fhir;

/** Systems, canonical URLs and media types shared by every FHIR endpoint. */
public final class Fhir {
    public static final String CANONICAL_BASE = "https://cpis.local/fhir";
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String SDS_USER_SYSTEM = "https://fhir.nhs.uk/Id/sds-user-id";
    public static final String SNOMED_SYSTEM = "http://snomed.info/sct";

    public static final String CARE_TEAM_PROFILE = CANONICAL_BASE + "/StructureDefinition/cpis-care-team";
    /** On a CareTeam given no end: the projected end (18th birthday), never an agreed one. */
    public static final String PROJECTED_END_EXTENSION = CANONICAL_BASE + "/StructureDefinition/plan-projected-end";
    public static final String MOTHER_NHS_NUMBER_EXTENSION = CANONICAL_BASE + "/StructureDefinition/mother-nhs-number";
    public static final String NOTIFICATION_CATEGORY_SYSTEM = CANONICAL_BASE + "/CodeSystem/cpis-notification-category";

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_NDJSON = "application/fhir+ndjson";

    private Fhir() {
    }
}
