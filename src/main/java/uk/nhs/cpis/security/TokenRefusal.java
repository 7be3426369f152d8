package uk.nhs.cpis.security;

import java.util.List;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Why a bearer token was refused, in words a client can act on: the {@code error_description} of the
 * 401's {@code WWW-Authenticate} (RFC 6750, section 3) and the diagnostics of its OperationOutcome. The
 * descriptions are fixed texts, never the token's claims or a library's message, and are printable ASCII
 * without quotes, as RFC 6750 requires of {@code error_description}.
 */
public final class TokenRefusal {
    /** Sent when the request carries no bearer token at all; RFC 6750 then names no error code. */
    public static final String MISSING = "No bearer token: send Authorization: Bearer <JWT> from this service's "
            + "identity provider.";
    static final String EXPIRED = "The token has expired (exp is in the past, beyond the allowed clock skew).";
    static final String NOT_YET_VALID = "The token is not valid yet (nbf is in the future, beyond the allowed "
            + "clock skew).";
    static final String WRONG_ISSUER = "The token was issued by an issuer (iss) this service does not trust.";
    static final String BAD_SIGNATURE = "The token's signature does not verify with this service's key: it was "
            + "changed, or signed by another key.";
    static final String MALFORMED = "The token is not a well-formed RS256-signed JWT with exp, iat and iss.";
    static final String UNVERIFIED = "The token could not be verified.";

    private TokenRefusal() {
    }

    /** The description of a failed verification: its cause chain holds the parser's exception. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BrokenRule rule) {
                return rule.getMessage();
            }
            if (cause instanceof InvalidJwtException invalid) {
                return describe(invalid);
            }
        }
        return UNVERIFIED;
    }

    private static String describe(InvalidJwtException invalid) {
        // jose4j checks the signature before the claims, so a forged token is named as such, whatever its exp.
        for (var rule : List.of(
                new Rule(ErrorCodes.SIGNATURE_INVALID, BAD_SIGNATURE), new Rule(ErrorCodes.SIGNATURE_MISSING, BAD_SIGNATURE),
                new Rule(ErrorCodes.EXPIRED, EXPIRED), new Rule(ErrorCodes.NOT_YET_VALID, NOT_YET_VALID),
                new Rule(ErrorCodes.ISSUER_INVALID, WRONG_ISSUER), new Rule(ErrorCodes.ISSUER_MISSING, WRONG_ISSUER))) {
            if (invalid.hasErrorCode(rule.code())) {
                return rule.description();
            }
        }
        return MALFORMED;
    }

    private record Rule(int code, String description) {
    }

    /**
     * A token refused by one of this service's own rules (claim widths, lifetime, audience, issue time):
     * its message is the description sent to the client, so it must never quote a claim.
     */
    static final class BrokenRule extends ParseException {
        BrokenRule(String description) {
            super(description);
        }
    }
}
