package uk.nhs.cpis.notification.restriction;

import java.util.List;
import java.util.regex.Pattern;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;

/**
 * The names a restriction lists: a user id (the token's {@code sub}: letters, digits and . _ @ -) or a
 * team, {@code team:<name>}, matched against the token's {@code teams} claim. Anything else, such as a
 * team written without its prefix ("Fostering Team"), would match nobody, so it is refused.
 */
final class NamedEntries {
    static final String TEAM_PREFIX = "team:";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern TEAM = Pattern.compile("team:[^\\s,:][^\\p{Cntrl},]{0,58}");

    private NamedEntries() {
    }

    /** The names trimmed, each once, sorted; refuses one that is neither a user id nor a team. */
    static List<String> checked(List<String> names) {
        List<String> trimmed = names.stream().map(String::trim).distinct().sorted().toList();
        for (String name : trimmed) {
            if (!USER_ID.matcher(name).matches() && !TEAM.matcher(name).matches()) {
                throw new CpisException(ErrorCode.INVALID_REQUEST, "\"" + name + "\" is neither a user id (letters, "
                        + "digits and . _ @ -, at most 64) nor a team written team:<name> (at most 64 in all).",
                        "users");
            }
        }
        return trimmed;
    }
}
