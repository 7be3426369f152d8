package uk.nhs.cpis.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import uk.nhs.cpis.support.Tokens;

/**
 * The token rules beyond signature, issuer and exp: an iat in the future beyond the 60 s clock skew, a
 * lifetime (exp - iat) over cpis.security.max-token-lifetime (1 hour) and, with cpis.security.audience
 * configured, an aud that does not name it are refused (401, saying which rule).
 */
@QuarkusTest
@TestProfile(TokenRulesTest.WithAudience.class)
class TokenRulesTest {
    static final String AUDIENCE = "https://cpis.local/api";

    public static class WithAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpis.security.audience", AUDIENCE);
        }
    }

    @Test
    void shouldAcceptATokenThatKeepsEveryRule() {
        lookup(token().audience(AUDIENCE)).statusCode(200);
    }

    @Test
    void shouldAllowAnIssueTimeWithinTheClockSkew() {
        Instant soon = Instant.now().plusSeconds(30);
        lookup(token().audience(AUDIENCE).issuedAt(soon).expiresAt(soon.plusSeconds(600))).statusCode(200);
    }

    @Test
    void shouldRefuseAnIssueTimeInTheFutureBeyondTheSkew() {
        for (Duration ahead : new Duration[] { Duration.ofMinutes(5), Duration.ofDays(3650) }) {
            Instant issued = Instant.now().plus(ahead);
            refused(token().audience(AUDIENCE).issuedAt(issued).expiresAt(issued.plusSeconds(600)),
                    "The token's iat is in the future, beyond the allowed clock skew of 60 s.");
        }
    }

    @Test
    void shouldRefuseATokenLivingLongerThanTheCap() {
        Instant now = Instant.now();
        refused(token().audience(AUDIENCE).issuedAt(now).expiresAt(now.plus(Duration.ofDays(3650))),
                "The token's lifetime (exp - iat) is longer than the 3600 s this service accepts.");
        refused(token().audience(AUDIENCE).issuedAt(now).expiresAt(now.plusSeconds(3601)),
                "The token's lifetime (exp - iat) is longer than the 3600 s this service accepts.");
        lookup(token().audience(AUDIENCE).issuedAt(now).expiresAt(now.plusSeconds(3600))).statusCode(200);
    }

    @Test
    void shouldRefuseATokenForAnotherAudienceOrNone() {
        String why = "The token's audience (aud) does not name this service.";
        refused(token().audience("https://another.service.example/"), why);
        refused(token(), why);
    }

    private static JwtClaimsBuilder token() {
        return Tokens.claims("cpis-view", Tokens.HOSPITAL, Tokens.newUserId());
    }

    private static void refused(JwtClaimsBuilder claims, String why) {
        lookup(claims).statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\", error_description=\"" + why + "\""))
                .body("issue[0].diagnostics", equalTo(why));
    }

    private static ValidatableResponse lookup(JwtClaimsBuilder claims) {
        return given().auth().oauth2(claims.sign())
                .queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919")
                .when().get("/fhir/Flag").then();
    }
}
