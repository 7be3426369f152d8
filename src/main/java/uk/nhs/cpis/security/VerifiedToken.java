package uk.nhs.cpis.security;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token with its claims read once. SmallRye's principal looks every custom claim name up
 * as a {@code Claims} enum constant first, which throws and catches an exception (stack trace and
 * all) per read; a lookup reads the custom claims (org, name, job role) several times. Read from here,
 * they cost a map lookup. A claim the token does not list goes to the original, as before.
 */
final class VerifiedToken implements JsonWebToken {
    private final JsonWebToken verified;
    private final String name;
    private final Map<String, Object> claims;

    VerifiedToken(JsonWebToken verified) {
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
