package uk.nhs.cpis.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Tokens;

/** Answers that can carry patient data are never cached; every answer says nosniff and no-referrer. */
@QuarkusTest
class SecurityHeadersTest {
    @Test
    void shouldForbidCachingOfFhirAnswersWithPatientData() {
        everywhere(given().auth().oauth2(Tokens.clinician(Tokens.newUserId()))
                .queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919")
                .when().get("/fhir/CareTeam").then().statusCode(200))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void shouldForbidCachingOfApiAnswersAndRefusals() {
        everywhere(given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, "po1")).when()
                .get("/api/restrictions").then().statusCode(200)).header("Cache-Control", equalTo("no-store"));
        everywhere(given().when().get("/fhir/Flag").then().statusCode(401))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void shouldSendNosniffAndNoReferrerOnEveryOtherAnswer() {
        everywhere(given().when().get("/q/openapi").then().statusCode(200));
        everywhere(given().when().get("/ui/").then().statusCode(200));
        everywhere(given().when().get("/no-such-page").then().statusCode(404));
    }

    private static ValidatableResponse everywhere(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
