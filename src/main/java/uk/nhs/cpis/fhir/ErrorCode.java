package uk.nhs.cpis.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The one error catalogue. Each code is also a concept of the CodeSystem
 * {@code fhir-profiles/CodeSystem-cpis-error-code.json}; a test keeps the two in step.
 */
public enum ErrorCode {
    INVALID_NHS_NUMBER(422, IssueType.VALUE, "Invalid NHS number"),
    PATIENT_NOT_FOUND(422, IssueType.NOTFOUND, "Patient not found in the demographics register"),
    PATIENT_SUPERSEDED(422, IssueType.BUSINESSRULE, "NHS number superseded"),
    PATIENT_INACTIVE(422, IssueType.BUSINESSRULE, "Patient is not active in the demographics register"),
    DEMOGRAPHICS_MISMATCH(422, IssueType.BUSINESSRULE, "Demographics do not match the register"),
    MISSING_START_DATE(422, IssueType.REQUIRED, "Plan start date missing"),
    START_DATE_IN_FUTURE(422, IssueType.BUSINESSRULE, "Plan start date in the future"),
    END_BEFORE_START(422, IssueType.BUSINESSRULE, "Plan end date before start date"),
    END_AFTER_18TH_BIRTHDAY(422, IssueType.BUSINESSRULE, "Plan end date after the 18th birthday"),
    MISSING_DUE_DATE(422, IssueType.REQUIRED, "Unborn plan needs the expected due date as its end"),
    MISSING_EMERGENCY_NUMBER(422, IssueType.REQUIRED, "Emergency duty telephone number missing"),
    INVALID_PLAN_TYPE(422, IssueType.CODEINVALID, "Unknown or mismatched plan type"),
    INVALID_RESOURCE(422, IssueType.STRUCTURE, "Resource content is invalid"),
    ORGANISATION_MISMATCH(403, IssueType.FORBIDDEN, "Organisation is not the caller's own"),
    MALFORMED_CONTENT(400, IssueType.STRUCTURE, "Request body could not be parsed"),
    INVALID_REQUEST(400, IssueType.INVALID, "Invalid request"),
    INVALID_PARAMETER(400, IssueType.VALUE, "Invalid or unsupported search parameter"),
    TOO_MANY_MATCHES(422, IssueType.TOOCOSTLY, "Too many matches: narrow the search"),
    UNSUPPORTED_MEDIA_TYPE(415, IssueType.NOTSUPPORTED, "Unsupported content type"),
    NOT_ACCEPTABLE(406, IssueType.NOTSUPPORTED, "Requested response format not supported"),
    PAYLOAD_TOO_LARGE(413, IssueType.TOOLONG, "Request too large"),
    NOT_FOUND(404, IssueType.NOTFOUND, "Not found"),
    METHOD_NOT_ALLOWED(405, IssueType.NOTSUPPORTED, "Method not allowed"),
    REQUEST_TIMEOUT(408, IssueType.TIMEOUT, "The request body did not arrive in time"),
    TOO_MANY_UPLOADS(429, IssueType.THROTTLED, "Too many uploads in progress: try again later"),
    UNAUTHORISED(401, IssueType.LOGIN, "Missing or invalid access token"),
    FORBIDDEN(403, IssueType.FORBIDDEN, "Access denied"),
    ACCESS_RESTRICTED(403, IssueType.SUPPRESSED, "You cannot access this patient's record or documents."),
    SELF_RESTRICTION(422, IssueType.BUSINESSRULE, "You cannot restrict yourself"),
    STAFF_NOT_FOUND(422, IssueType.NOTFOUND, "Staff member not found in the staff register"),
    STAFF_NOT_AT_ORGANISATION(422, IssueType.BUSINESSRULE, "Staff member does not work at your organisation"),
    AUTHORISATION_REQUIRED(422, IssueType.BUSINESSRULE,
            "A universal restriction needs the authorisation of a Head of Service or above"),
    DUPLICATE_RESTRICTION(409, IssueType.DUPLICATE, "Restriction already exists"),
    CONFLICT(409, IssueType.CONFLICT, "Conflicts with the current state"),
    BUNDLE_IDENTIFIER_REUSED(409, IssueType.CONFLICT, "Bundle identifier already used for different content"),
    BATCH_ALREADY_RUNNING(409, IssueType.CONFLICT, "A batch run is already in progress"),
    READ_ONLY_MODE(503, IssueType.TRANSIENT, "The service is in read-only mode: try again later"),
    SERVICE_UNAVAILABLE(503, IssueType.TRANSIENT, "The service cannot complete the request now: try again later"),
    UPLOAD_FAILED(500, IssueType.EXCEPTION, "Upload failed: nothing of it was applied"),
    INTERNAL_ERROR(500, IssueType.EXCEPTION, "Internal error");

    public static final String SYSTEM = Fhir.CANONICAL_BASE + "/CodeSystem/cpis-error-code";

    private final int status;
    private final IssueType issueType;
    private final String display;

    ErrorCode(int status, IssueType issueType, String display) {
        this.status = status;
        this.issueType = issueType;
        this.display = display;
    }

    public int status() {
        return status;
    }

    public IssueType issueType() {
        return issueType;
    }

    public String display() {
        return display;
    }
}
