package uk.nhs.cpis.security;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * A verified token with its claims read once. SmallRye's principal looks every custom claim name up
 * as a {@code Claims} enum constant first, which throws and catches an exception (stack trace and
 * all) per read; a lookup reads the custom claims (org, name, job role) several times. Read from here,
 * they cost a map lookup. A claim the token does not list goes to the original, as before.
 * <p>
 * The identity claims are stored with every view, audit line and restriction, in columns of a fixed
 * width (V2-V4); a token whose claim would not fit is refused here, as an invalid token (401), rather
 * than failing every write it leads to. So is one whose identity claim is not a string (an organisation
 * {@code 123} or {@code {...}} would be stored as its JSON text) or that names no user: every view must
 * say who made it.
 */
final class VerifiedToken implements JsonWebToken {
    /** The widest value each stored identity claim may have: the width of its columns. */
    static final Map<String, Integer> STORED_CLAIM_WIDTHS = Map.of("sub", 64, "org", 16, "name", 200,
            "job_role", 200, "org_name", 200);

    private final JsonWebToken verified;
    private final String name;
    private final Map<String, Object> claims;

    VerifiedToken(JsonWebToken verified) throws ParseException {
        this.verified = verified;
        this.name = verified.getName();
        Map<String, Object> read = new HashMap<>();
        for (String claim : verified.getClaimNames()) {
            Object value = verified.getClaim(claim);
            if (value != null) {
                read.put(claim, value);
            }
        }
        this.claims = Collections.unmodifiableMap(read);
        for (Map.Entry<String, Integer> width : STORED_CLAIM_WIDTHS.entrySet()) {
            Object value = claims.get(width.getKey());
            if (value != null && !(value instanceof String || value instanceof JsonString)) {
                throw new TokenRefusal.BrokenRule("The token's claim " + width.getKey() + " is not a string.");
            }
            if (value != null && text(value).length() > width.getValue()) {
                throw new TokenRefusal.BrokenRule("The token's claim " + width.getKey() + " is longer than "
                        + width.getValue() + " characters.");
            }
        }
        Object subject = claims.get("sub");
        if (subject == null || text(subject).isBlank()) {
            throw new TokenRefusal.BrokenRule("The token names no user (claim sub).");
        }
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim.toString();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = claims.get(claimName);
        return value != null ? (T) value : verified.getClaim(claimName);
    }

    @Override
    public String toString() {
        return verified.toString();
    }
}
