package uk.nhs.cpis.security;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import jakarta.json.JsonNumber;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * This service's rules for a token SmallRye has verified (signature, issuer, {@code exp} and {@code nbf}
 * within the clock skew): an {@code iat} no further in the future than the same skew, a lifetime
 * ({@code exp - iat}) no longer than {@link SecurityConfig#maxTokenLifetime()}, and, when
 * {@link SecurityConfig#audience()} is set, an {@code aud} that names it. A stolen token minted for ten
 * years, or for another service, is refused. Times are read from the wall clock, as SmallRye reads them
 * for {@code exp}: the tests' business clock moves across years and must not make a fresh token invalid.
 */
record TokenRules(Duration clockSkew, Duration maxLifetime, Optional<String> audience, LongSupplier epochMillis) {

    void check(JsonWebToken token) throws TokenRefusal.BrokenRule {
        Long issuedAt = seconds(token.getClaim("iat"));
        Long expires = seconds(token.getClaim("exp"));
        if (issuedAt == null || expires == null) {
            throw new TokenRefusal.BrokenRule("The token needs both iat and exp.");
        }
        long now = Math.floorDiv(epochMillis.getAsLong(), 1000L);
        if (issuedAt > now + clockSkew.toSeconds()) {
            throw new TokenRefusal.BrokenRule("The token's iat is in the future, beyond the allowed clock skew of "
                    + clockSkew.toSeconds() + " s.");
        }
        if (expires - issuedAt > maxLifetime.toSeconds()) {
            throw new TokenRefusal.BrokenRule("The token's lifetime (exp - iat) is longer than the "
                    + maxLifetime.toSeconds() + " s this service accepts.");
        }
        if (audience.isPresent()) {
            Set<String> named = token.getAudience();
            if (named == null || !named.contains(audience.get())) {
                throw new TokenRefusal.BrokenRule("The token's audience (aud) does not name this service.");
            }
        }
    }

    private static Long seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return claim instanceof Number number ? number.longValue() : null;
    }
}
