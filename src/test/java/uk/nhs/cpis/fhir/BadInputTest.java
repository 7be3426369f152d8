package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** Bad input of every kind: a 4xx OperationOutcome with a catalogue code, never a 5xx, and nothing changed. */
@QuarkusTest
class BadInputTest {

    @Test
    void shouldRefuseMalformedJson() {
        post("{\"resourceType\":\"Bundle\",\"type\":").statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"));
    }

    @Test
    void shouldRefuseWrongTypes() {
        post("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":{\"request\":5}}").statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"));
        post("{\"resourceType\":\"Bundle\",\"type\":42}").statusCode(400);
    }

    @Test
    void shouldRefuseUnknownElementsAndResourceTypes() {
        post("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"colour\":\"red\"}").statusCode(400);
        post("{\"resourceType\":\"Spaceship\"}").statusCode(400);
        post("{\"resourceType\":\"Patient\"}").statusCode(400)
                .body("issue[0].diagnostics", containsString("Bundle"));
    }

    @Test
    void shouldRefuseABundleThatIsNotABatch() {
        post("{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}").statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("INVALID_REQUEST"))
                .body("issue[0].expression[0]", equalTo("Bundle.type"));
    }

    @Test
    void shouldRefuseBadDates() {
        LocalDate born = LocalDate.of(2015, 3, 3);
        String nhs = TestPatients.register("Dates", "Child", born);
        String entry = Plans.putEntry(Plans.plan(nhs, "Dates", born, Plans.CPP).start("2026-13-45"));
        // An impossible date refuses its entry (spec section 4: a per-entry error), not the whole Bundle.
        post(Plans.batch(null, entry)).statusCode(200)
                .body("entry[0].response.status", equalTo("400 Bad Request"))
                .body("entry[0].response.outcome.issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"));
        // Nothing was stored: the first real upload of the key creates it.
        post(Plans.batch(null, Plans.putEntry(Plans.plan(nhs, "Dates", born, Plans.CPP)))).statusCode(200)
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseTheWrongContentType() {
        given().auth().oauth2(Tokens.laUpload()).contentType("text/plain").body("hello")
                .when().post("/fhir").then().statusCode(415)
                .body("issue[0].details.coding[0].code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().auth().oauth2(Tokens.laUpload()).contentType("application/xml").body("<Bundle/>")
                .when().post("/fhir").then().statusCode(415);
    }

    @Test
    void shouldAcceptPlainJsonAsWell() {
        given().auth().oauth2(Tokens.laUpload()).contentType("application/json")
                .body(Plans.batch(null, Plans.deleteEntry("9434765919", Plans.CPP)))
                .when().post("/fhir").then().statusCode(200);
    }

    @Test
    void shouldRefuseAnUnknownResourceOrPath() {
        given().auth().oauth2(Tokens.laUpload()).when().get("/fhir/Spaceship/1").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.laUpload()).when().patch("/fhir/CareTeam").then().statusCode(405)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void shouldRefuseAHugeBody() {
        // The test profile limits FHIR bodies to 1 MiB.
        String padding = "x".repeat(1_200_000);
        post("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"id\":\"" + padding + "\"}").statusCode(413)
                .body("issue[0].details.coding[0].code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body("")
                .when().post("/fhir").then().statusCode(lessThan(500)).statusCode(400);
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(body)
                .when().post("/fhir").then().log().ifValidationFails().contentType("application/fhir+json");
    }
}
