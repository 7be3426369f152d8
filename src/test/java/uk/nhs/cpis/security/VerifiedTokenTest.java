package uk.nhs.cpis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokenTest {
    private static JsonWebToken principal() {
        return new DefaultJWTCallerPrincipal(claims());
    }

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("555000000001");
        claims.setIssuer("https://cpis.local/dev");
        claims.setExpirationTime(NumericDate.fromSeconds(1_800_000_000L));
        claims.setStringListClaim("groups", List.of("cpis-view"));
        claims.setClaim("org", "RX101");
        claims.setClaim("org_name", "Northtown General Hospital");
        claims.setClaim("job_role", "Staff Nurse");
        return claims;
    }

    @Test
    void shouldAnswerEveryClaimAsTheVerifiedPrincipalDoes() throws ParseException {
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
    void shouldAnswerNothingForAClaimTheTokenDoesNotCarry() throws ParseException {
        assertNull(new VerifiedToken(principal()).getClaim("name"));
    }

    @Test
    void shouldAcceptEveryStoredClaimAtTheWidthOfItsColumn() throws ParseException {
        JwtClaims claims = claims();
        VerifiedToken.STORED_CLAIM_WIDTHS.forEach((claim, width) -> claims.setClaim(claim, "x".repeat(width)));

        assertEquals("x".repeat(16), new VerifiedToken(new DefaultJWTCallerPrincipal(claims)).getClaim("org"));
    }

    @Test
    void shouldRefuseATokenWhoseStoredClaimIsWiderThanItsColumn() {
        VerifiedToken.STORED_CLAIM_WIDTHS.forEach((claim, width) -> {
            JwtClaims claims = claims();
            claims.setClaim(claim, "x".repeat(width + 1));
            assertThrows(ParseException.class, () -> new VerifiedToken(new DefaultJWTCallerPrincipal(claims)), claim);
        });
    }

    @Test
    void shouldRefuseAnIdentityClaimThatIsNotAString() {
        for (String claim : List.of("org", "org_name", "job_role", "name")) {
            JwtClaims claims = claims();
            claims.setClaim(claim, 123);
            assertThrows(ParseException.class, () -> new VerifiedToken(new DefaultJWTCallerPrincipal(claims)), claim);
            claims.setClaim(claim, Map.of("a", 1));
            assertThrows(ParseException.class, () -> new VerifiedToken(new DefaultJWTCallerPrincipal(claims)), claim);
        }
    }

    @Test
    void shouldRefuseATokenThatNamesNoUser() {
        JwtClaims blank = claims();
        blank.setSubject(" ");
        assertThrows(ParseException.class, () -> new VerifiedToken(new DefaultJWTCallerPrincipal(blank)));
        JwtClaims none = claims();
        none.unsetClaim("sub");
        assertThrows(ParseException.class, () -> new VerifiedToken(new DefaultJWTCallerPrincipal(none)));
    }
}
