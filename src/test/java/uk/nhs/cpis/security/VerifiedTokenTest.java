package uk.nhs.cpis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

class VerifiedTokenTest {
    private static JsonWebToken principal() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("555000000001");
        claims.setIssuer("https://cpis.local/dev");
        claims.setExpirationTime(NumericDate.fromSeconds(1_800_000_000L));
        claims.setStringListClaim("groups", List.of("cpis-view"));
        claims.setClaim("org", "RX101");
        claims.setClaim("org_name", "Northtown General Hospital");
        claims.setClaim("job_role", "Staff Nurse");
        return new DefaultJWTCallerPrincipal(claims);
    }

    @Test
    void shouldAnswerEveryClaimAsTheVerifiedPrincipalDoes() {
        JsonWebToken original = principal();
        JsonWebToken token = new VerifiedToken(original);

        for (String claim : original.getClaimNames()) {
            assertEquals((Object) original.getClaim(claim), token.getClaim(claim), claim);
        }
        assertEquals(original.getName(), token.getName());
        assertEquals("RX101", token.getClaim("org"));
        assertEquals("Staff Nurse", token.getClaim("job_role"));
        assertEquals(Set.of("cpis-view"), token.getGroups());
        assertEquals(1_800_000_000L, token.getExpirationTime());
        assertEquals("555000000001", token.getSubject());
    }

    @Test
    void shouldAnswerNothingForAClaimTheTokenDoesNotCarry() {
        assertNull(new VerifiedToken(principal()).getClaim("name"));
    }
}
