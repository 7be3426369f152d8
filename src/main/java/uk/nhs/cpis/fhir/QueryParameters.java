package uk.nhs.cpis.fhir;

import java.util.Collection;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

/** The checks every search makes of its query: a parameter it does not know, or one given twice, is refused, never ignored. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * Refuses the first parameter outside {@code accepted}, telling the caller what to send instead
     * ({@code usage}); the OperationOutcome points at {@code location}, or at the parameter itself.
     */
    public static void requireKnown(Collection<String> given, Set<String> accepted, String usage, String... location) {
        for (String name : given) {
            if (!accepted.contains(name)) {
                throw new CpisException(ErrorCode.INVALID_PARAMETER, "Unsupported parameter: " + name + ". " + usage,
                        location.length > 0 ? location : new String[] { name });
            }
        }
    }

    /** For a request that takes no query parameters: any it is given is refused, not ignored. */
    public static void requireNone(MultivaluedMap<String, String> query) {
        requireKnown(query.keySet(), Set.of(), "This request takes no query parameters.");
    }

    public static void requireEachOnce(MultivaluedMap<String, String> query) {
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                throw new CpisException(ErrorCode.INVALID_PARAMETER, "Each parameter may be given once.", name);
            }
        });
    }
}
