package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** An LA sees its own recent uploads, newest first, counted by outcome, without knowing their ids. */
@QuarkusTest
class UploadListTest {
    private static final LocalDate BORN = LocalDate.of(2018, 2, 28);

    @Test
    void shouldListTheLasOwnUploadsNewestFirstWithEntriesCountedByOutcome() {
        String la = "ULA";
        String first = TestPatients.register("Hughes", "Amy", BORN);
        String second = TestPatients.register("Hughes", "Ben", BORN);
        String unplanned = TestPatients.register("Hughes", "Cara", BORN);
        String older = upload(la, Plans.batch("night-1", Plans.putEntry(Plans.plan(first, "Hughes", BORN, Plans.CPP).la(la)),
                Plans.putEntry(Plans.plan(second, "Hughes", BORN, Plans.LAC).la(la))));
        String newer = upload(la, Plans.batch("night-2", Plans.putEntry(Plans.plan(first, "Hughes", BORN, Plans.CPP).la(la)),
                Plans.deleteEntry(second, Plans.LAC), Plans.deleteEntry(unplanned, Plans.CPP)));

        given().auth().oauth2(Tokens.laUpload(la)).when().get("/api/uploads").then().log().ifValidationFails().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(newer)).body("[0].identifier", endsWith("|night-2"))
                .body("[0].status", equalTo("complete")).body("[0].entries", equalTo(3))
                .body("[0].receivedAt", notNullValue()).body("[0].completedAt", notNullValue())
                .body("[0].outcomes.created", equalTo(0)).body("[0].outcomes.replaced", equalTo(1))
                .body("[0].outcomes.withdrawn", equalTo(1)).body("[0].outcomes.refused", equalTo(1))
                .body("[1].id", equalTo(older)).body("[1].outcomes.created", equalTo(2))
                .body("[1].outcomes.refused", equalTo(0));
    }

    @Test
    void shouldShowNoOtherLasUploads() {
        String nhs = TestPatients.register("Hughes", "Dan", BORN);
        upload("ULB", Plans.batch(null, Plans.putEntry(Plans.plan(nhs, "Hughes", BORN, Plans.CPP).la("ULB"))));
        given().auth().oauth2(Tokens.laUpload("ULC")).when().get("/api/uploads").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void shouldRefuseParametersAndOtherRoles() {
        given().auth().oauth2(Tokens.laUpload("ULA")).queryParam("nhsNumber", "9434765919").when().get("/api/uploads")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId())).when().get("/api/uploads").then().statusCode(403);
    }

    private static String upload(String la, String bundle) {
        return given().auth().oauth2(Tokens.laUpload(la)).contentType("application/fhir+json").body(bundle)
                .when().post("/fhir").then().statusCode(200).extract().path("id");
    }
}
