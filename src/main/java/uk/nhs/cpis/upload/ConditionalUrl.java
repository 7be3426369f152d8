package uk.nhs.cpis.upload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.plan.NhsNumber;
import uk.nhs.cpis.plan.PlanKey;
import uk.nhs.cpis.plan.PlanType;

/**
 * The conditional URL that names a plan:
 * {@code CareTeam?patient:identifier=<nhs-number system>|n&category=http://snomed.info/sct|code}.
 */
final class ConditionalUrl {
    static final String PATIENT = "patient:identifier";
    static final String CATEGORY = "category";
    private static final Set<String> PARAMETERS = Set.of(PATIENT, CATEGORY);

    private ConditionalUrl() {
    }

    /** Parses a Bundle entry's request.url. */
    static PlanKey parse(String url, String location) {
        if (url == null || !url.startsWith("CareTeam?")) {
            throw new CpisException(ErrorCode.INVALID_REQUEST,
                    "request.url must be CareTeam?patient:identifier=...&category=...", location);
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : url.substring("CareTeam?".length()).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : decode(pair.substring(0, equals));
            if (parameters.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1))) != null) {
                throw new CpisException(ErrorCode.INVALID_REQUEST, "Parameter " + name + " given twice.", location);
            }
        }
        return parse(parameters.get(PATIENT), parameters.get(CATEGORY), parameters.keySet(), location);
    }

    /** Parses the same two parameters from a request's query. */
    static PlanKey parse(String patient, String category, Set<String> names, String location) {
        QueryParameters.requireKnown(names, PARAMETERS, "A plan is named by " + PATIENT + " and " + CATEGORY + ".",
                location);
        String nhsNumber = valueOf(patient, Fhir.NHS_NUMBER_SYSTEM, PATIENT, location);
        if (!NhsNumber.isValid(nhsNumber)) {
            throw new CpisException(ErrorCode.INVALID_NHS_NUMBER, NhsNumber.whyInvalid(nhsNumber), location);
        }
        String code = valueOf(category, Fhir.SNOMED_SYSTEM, CATEGORY, location);
        PlanType type = PlanType.fromSnomedCode(code).orElseThrow(() -> new CpisException(ErrorCode.INVALID_PLAN_TYPE,
                "category must be one of the plan-type codes 342191000000101 (CPP), 764841000000100 (LAC), "
                        + "818901000000100 (UCPP).", location));
        return new PlanKey(nhsNumber, type);
    }

    private static String valueOf(String token, String system, String name, String location) {
        String prefix = system + "|";
        if (token == null || !token.startsWith(prefix) || token.length() == prefix.length()) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, name + " must be " + prefix + "<value>.", location);
        }
        return token.substring(prefix.length());
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "request.url is not correctly URL-encoded.");
        }
    }
}
