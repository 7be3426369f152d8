package uk.nhs.cpis.demographics;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;

/**
 * A clinician's patient search (spec section 3), parsed and checked: by NHS number, or by family name,
 * gender and birth date with optional given name and postcode. Name and postcode are held as their
 * {@link SearchKeys}; birth dates as an inclusive range whose ends may be open (null).
 */
record PatientQuery(
        String nhsNumber,
        String familyKey,
        Wildcard wildcard,
        boolean fuzzy,
        String gender,
        LocalDate bornFrom,
        LocalDate bornTo,
        String givenKey,
        String postcodeKey,
        int maxResults) {

    /** Where a family name's {@code *} stands. */
    enum Wildcard {
        NONE, TRAILING, LEADING
    }

    static final String IDENTIFIER = "identifier";
    static final String FAMILY = "family";
    static final String GIVEN = "given";
    static final String GENDER = "gender";
    static final String BIRTHDATE = "birthdate";
    static final String POSTCODE = "address-postalcode";
    static final String FUZZY = "_fuzzy-match";
    static final String MAX_RESULTS = "_max-results";
    private static final Set<String> PARAMETERS = Set.of(IDENTIFIER, FAMILY, GIVEN, GENDER, BIRTHDATE, POSTCODE,
            FUZZY, MAX_RESULTS);
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final int MIN_WILDCARD_LETTERS = 3;
    private static final Pattern DATE = Pattern.compile("(eq|ge|gt|le|lt)?(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    boolean byNhsNumber() {
        return nhsNumber != null;
    }

    static PatientQuery parse(MultivaluedMap<String, String> query, DemographicsConfig.Search config) {
        for (var parameter : query.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw invalid("Unsupported search parameter: " + parameter.getKey() + ". Search by " + IDENTIFIER
                        + ", or by family, gender and birthdate (with given, address-postalcode, _fuzzy-match).",
                        parameter.getKey());
            }
            int allowed = BIRTHDATE.equals(parameter.getKey()) ? 2 : 1;
            if (parameter.getValue().size() > allowed || parameter.getValue().stream().anyMatch(String::isBlank)) {
                throw invalid(parameter.getKey() + " must be given once, with a value"
                        + (allowed > 1 ? " (birthdate at most twice, for a range)." : "."), parameter.getKey());
            }
        }
        int maxResults = maxResults(query.getFirst(MAX_RESULTS), config);
        if (query.containsKey(IDENTIFIER)) {
            if (query.keySet().stream().anyMatch(name -> !IDENTIFIER.equals(name) && !MAX_RESULTS.equals(name))) {
                throw invalid("Search by " + IDENTIFIER + " alone, or by demographics without it.", IDENTIFIER);
            }
            return new PatientQuery(nhsNumber(query.getFirst(IDENTIFIER)), null, Wildcard.NONE, false, null, null,
                    null, null, null, maxResults);
        }
        for (String required : List.of(FAMILY, GENDER, BIRTHDATE)) {
            if (!query.containsKey(required)) {
                throw invalid("A demographic search needs family, gender and birthdate (or search by "
                        + IDENTIFIER + "); " + required + " is missing.", required);
            }
        }
        boolean fuzzy = bool(query.getFirst(FUZZY));
        String family = query.getFirst(FAMILY).trim();
        Wildcard wildcard = wildcard(family);
        String familyKey = SearchKeys.name(family);
        if (familyKey.isEmpty()) {
            throw invalid("family must contain letters.", FAMILY);
        }
        if (wildcard != Wildcard.NONE && familyKey.length() < MIN_WILDCARD_LETTERS) {
            throw invalid("A family name with * needs at least " + MIN_WILDCARD_LETTERS + " letters.", FAMILY);
        }
        if (wildcard != Wildcard.NONE && fuzzy) {
            throw invalid("Use either a wildcard or _fuzzy-match, not both.", FUZZY);
        }
        String gender = query.getFirst(GENDER).trim();
        if (!GENDERS.contains(gender)) {
            throw invalid("gender must be one of male, female, other, unknown.", GENDER);
        }
        LocalDate from = null;
        LocalDate to = null;
        boolean exactDate = query.get(BIRTHDATE).size() == 1;
        for (String value : query.get(BIRTHDATE)) {
            Bound bound = bound(value.trim());
            exactDate &= bound.exact();
            from = bound.from() == null ? from : from == null || bound.from().isAfter(from) ? bound.from() : from;
            to = bound.to() == null ? to : to == null || bound.to().isBefore(to) ? bound.to() : to;
        }
        String givenKey = optionalKey(query.getFirst(GIVEN), SearchKeys::name, GIVEN);
        String postcodeKey = optionalKey(query.getFirst(POSTCODE), SearchKeys::postcode, POSTCODE);
        if (!exactDate && givenKey == null && postcodeKey == null) {
            throw invalid("A birth-date range (a year, a month, or ge/le) needs given or address-postalcode too.",
                    BIRTHDATE);
        }
        return new PatientQuery(null, familyKey, wildcard, fuzzy, gender, from, to, givenKey, postcodeKey, maxResults);
    }

    private static String nhsNumber(String token) {
        String prefix = Fhir.NHS_NUMBER_SYSTEM + "|";
        if (!token.startsWith(prefix)) {
            throw invalid(IDENTIFIER + " must be " + prefix + "<NHS number>.", IDENTIFIER);
        }
        String nhsNumber = token.substring(prefix.length());
        PatientMapper.requireValid(nhsNumber, IDENTIFIER);
        return nhsNumber;
    }

    private static Wildcard wildcard(String family) {
        int stars = (int) family.chars().filter(c -> c == '*').count();
        if (stars == 0) {
            return Wildcard.NONE;
        }
        if (stars == 1 && family.endsWith("*")) {
            return Wildcard.TRAILING;
        }
        if (stars == 1 && family.startsWith("*")) {
            return Wildcard.LEADING;
        }
        throw invalid("family may have one * at its start or its end (Smi* or *ith).", FAMILY);
    }

    /** One birthdate value as an inclusive range; {@code exact} only for a single full date. */
    private record Bound(LocalDate from, LocalDate to, boolean exact) {
    }

    private static Bound bound(String value) {
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            throw badDate(value);
        }
        String prefix = m.group(1) == null ? "eq" : m.group(1);
        LocalDate first;
        LocalDate last;
        try {
            int year = Integer.parseInt(m.group(2));
            if (m.group(4) != null) {
                first = LocalDate.of(year, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                last = first;
            } else if (m.group(3) != null) {
                YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(3)));
                first = month.atDay(1);
                last = month.atEndOfMonth();
            } else {
                first = LocalDate.of(year, 1, 1);
                last = LocalDate.of(year, 12, 31);
            }
        } catch (DateTimeException e) {
            throw badDate(value);
        }
        return switch (prefix) {
            case "eq" -> new Bound(first, last, first.equals(last));
            case "ge" -> new Bound(first, null, false);
            case "gt" -> new Bound(last.plusDays(1), null, false);
            case "le" -> new Bound(null, last, false);
            default -> new Bound(null, first.minusDays(1), false);
        };
    }

    private static CpisException badDate(String value) {
        return invalid("birthdate must be YYYY, YYYY-MM or YYYY-MM-DD, optionally prefixed by eq, ge, gt, le or lt; "
                + "got '" + value + "'.", BIRTHDATE);
    }

    private static String optionalKey(String value, UnaryOperator<String> normalise, String name) {
        if (value == null) {
            return null;
        }
        String key = normalise.apply(value);
        if (key.isEmpty()) {
            throw invalid(name + " must contain letters or digits.", name);
        }
        return key;
    }

    private static boolean bool(String value) {
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw invalid(FUZZY + " must be true or false.", FUZZY);
    }

    private static int maxResults(String value, DemographicsConfig.Search config) {
        if (value == null) {
            return config.defaultMaxResults();
        }
        try {
            int max = Integer.parseInt(value);
            if (max >= 1 && max <= config.maxResults()) {
                return max;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(MAX_RESULTS + " must be a whole number from 1 to " + config.maxResults() + ".", MAX_RESULTS);
    }

    private static CpisException invalid(String message, String parameter) {
        return new CpisException(ErrorCode.INVALID_PARAMETER, message, parameter);
    }
}
