package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * Values longer than the database holds are bad input: the entry is refused with the field's path
 * (the Bundle with 400 for its identifier), never a 500 that loses the good entries with it.
 */
@QuarkusTest
class UploadStorageLimitsTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    private static final String ISSUE = "entry[1].response.outcome.issue[0].";

    @Test
    void shouldRefuseAnOverlongEmergencyNumberAndStoreTheGoodEntry() {
        refusesSecondEntry(plan -> plan.emergency("0".repeat(41)), "telecom[0].value")
                .body(ISSUE + "diagnostics", containsString("40"));
    }

    @Test
    void shouldRefuseAnOverlongOfficeNumber() {
        refusesSecondEntry(plan -> plan.office("0".repeat(41)), "telecom[1].value");
    }

    @Test
    void shouldAcceptNumbersOfExactlyTheStoredLength() {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)
                .emergency("1".repeat(40)).office("2".repeat(40))))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseAnOverlongLaName() {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String other = TestPatients.register("Evans", "Lucy", BORN);
        Plans.Builder plan = Plans.plan(other, "Evans", BORN, Plans.CPP);
        String longName = plan.json().replace("\"display\":\"Northtown Council\"", "\"display\":\"" + "N".repeat(201) + "\"");
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(plan.url(), longName))
                .body("entry.response.status", contains("201 Created", "422 Unprocessable Entity"))
                .body(ISSUE + "details.coding[0].code", equalTo("INVALID_RESOURCE"))
                .body(ISSUE + "expression[0]", equalTo("Bundle.entry[1].resource.managingOrganization[0].display"));
    }

    @Test
    void shouldRefuseANulCharacterThatPostgreSqlCannotStore() {
        refusesSecondEntry(plan -> plan.emergency("01632\\u0000960001"), "telecom[0].value");
    }

    @Test
    void shouldRefuseAnOverlongSinglePut() {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        Plans.Builder plan = Plans.plan(nhs, "Taylor", BORN, Plans.CPP).emergency("0".repeat(41));
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(plan.json())
                .when().put("/fhir/" + plan.url())
                .then().statusCode(422).body("issue[0].details.coding[0].code", equalTo("INVALID_RESOURCE"))
                .body("issue[0].expression[0]", equalTo("CareTeam.telecom[0].value"));
    }

    @Test
    void shouldRefuseABundleWhoseIdentifierIsLongerThanStoredWith400() {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch("I".repeat(700), Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP))))
                .when().post("/fhir")
                .then().statusCode(400).body("issue[0].details.coding[0].code", equalTo("INVALID_REQUEST"))
                .body("issue[0].expression[0]", equalTo("Bundle.identifier"));
        // Nothing was applied: the plan is still new.
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    private static ValidatableResponse refusesSecondEntry(UnaryOperator<Plans.Builder> breaks, String field) {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String other = TestPatients.register("Evans", "Lucy", BORN);
        return UploadValidationTest.upload(Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(breaks.apply(Plans.plan(other, "Evans", BORN, Plans.CPP))))
                .body("entry.response.status", contains("201 Created", "422 Unprocessable Entity"))
                .body(ISSUE + "details.coding[0].code", equalTo("INVALID_RESOURCE"))
                .body(ISSUE + "expression[0]", equalTo("Bundle.entry[1].resource." + field));
    }
}
