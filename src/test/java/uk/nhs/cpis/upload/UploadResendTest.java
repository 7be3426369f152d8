package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** A Bundle.identifier names one upload: resending it is harmless, reusing it for other content is refused. */
@QuarkusTest
class UploadResendTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);

    @Test
    void shouldRefuseTheSameIdentifierWithDifferentContentAndApplyNothing() {
        String first = TestPatients.register("Taylor", "Johnny", BORN);
        String second = TestPatients.register("Evans", "Lucy", BORN);
        String identifier = "reuse-" + UUID.randomUUID();
        post(Plans.batch(identifier, Plans.putEntry(Plans.plan(first, "Taylor", BORN, Plans.CPP))))
                .then().statusCode(200);
        post(Plans.batch(identifier, Plans.putEntry(Plans.plan(second, "Evans", BORN, Plans.CPP)),
                Plans.deleteEntry(first, Plans.CPP)))
                .then().statusCode(409).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("BUNDLE_IDENTIFIER_REUSED"))
                .body("issue[0].expression[0]", equalTo("Bundle.identifier"))
                .body("issue[0].diagnostics", containsString("new identifier"));
        // Nothing of the second Bundle was applied: the first plan is still there, the second still new.
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(first, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(second, "Evans", BORN, Plans.CPP)))
                .body("entry.response.status", contains("200 OK", "201 Created"));
    }

    @Test
    void shouldAnswerTheSameContentSentAgainFromTheStoredAcknowledgementWhateverItsLayout() {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        String bundle = Plans.batch("again-" + UUID.randomUUID(), Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)));
        String id = post(bundle).then().statusCode(200).extract().path("id");
        // The same content, laid out differently (as another JSON writer would), is the same upload.
        post(bundle.replace(",", " ,\n ")).then().statusCode(200).body("id", equalTo(id))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    private static Response post(String body) {
        return given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(body)
                .when().post("/fhir");
    }
}
