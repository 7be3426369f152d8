package uk.nhs.cpis.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import uk.nhs.cpis.support.Tokens;

/**
 * A 401 says why the token was refused, in WWW-Authenticate (RFC 6750: error="invalid_token" with an
 * error_description) and in the OperationOutcome; a request without a token gets a bare Bearer challenge;
 * a 403 names the role the request needs.
 */
@QuarkusTest
class RefusalReasonTest {
    private static final String LOOKUP = "/fhir/Flag";

    @Test
    void shouldSayTheTokenHasExpired() {
        refused(Tokens.expired("cpis-view", Tokens.HOSPITAL), TokenRefusal.EXPIRED);
    }

    @Test
    void shouldSayTheIssuerIsNotTrusted() {
        refused(Tokens.wrongIssuer("cpis-view", Tokens.HOSPITAL), TokenRefusal.WRONG_ISSUER);
    }

    @Test
    void shouldSayTheSignatureDoesNotVerify() {
        refused(Tokens.signedByAnotherKey("cpis-view", Tokens.HOSPITAL), TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void shouldSayTheTokenIsNotAJwt() {
        refused("not.a.jwt", TokenRefusal.MALFORMED);
    }

    @Test
    void shouldNameTheClaimThatIsTooLong() {
        refused(Tokens.claims("cpis-view", Tokens.HOSPITAL, "9".repeat(65)).sign(),
                "The token's claim sub is longer than 64 characters.");
    }

    @Test
    void shouldChallengeARequestWithoutAToken() {
        lookup(given()).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("issue[0].diagnostics", equalTo(TokenRefusal.MISSING));
    }

    @Test
    void shouldAnswerProblemJsonWithTheReasonOutsideFhir() {
        given().auth().oauth2(Tokens.expired("cpis-admin", "CPIS01")).when().get("/api/batch-runs")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("detail", equalTo(TokenRefusal.EXPIRED));
    }

    @Test
    void shouldNameTheRoleARequestNeeds() {
        lookup(given().auth().oauth2(Tokens.laUpload())).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("FORBIDDEN"))
                .body("issue[0].diagnostics", containsString("cpis-view or cpis-view-no-asn"));
        given().auth().oauth2(Tokens.clinician("555000000001")).when().get("/api/batch-runs")
                .then().statusCode(403).body("detail", containsString("needs the role cpis-admin"));
    }

    private static void refused(String token, String why) {
        lookup(given().auth().oauth2(token)).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\", error_description=\"" + why + "\""))
                .body("issue[0].details.coding[0].code", equalTo("UNAUTHORISED"))
                .body("issue[0].diagnostics", equalTo(why));
    }

    private static io.restassured.response.Response lookup(RequestSpecification request) {
        return request.queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919")
                .when().get(LOOKUP);
    }
}
