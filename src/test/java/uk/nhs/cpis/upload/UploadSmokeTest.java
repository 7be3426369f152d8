package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

@QuarkusTest
class UploadSmokeTest {
    @Test
    void shouldAcknowledgeAnUpload() {
        LocalDate born = LocalDate.of(2020, 3, 1);
        String nhs = TestPatients.register("Taylor", "Johnny", born);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch("smoke-1", Plans.putEntry(Plans.plan(nhs, "Taylor", born, Plans.CPP))))
                .when().post("/fhir")
                .then().log().ifValidationFails().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry[0].response.status", equalTo("201 Created"));
    }
}
