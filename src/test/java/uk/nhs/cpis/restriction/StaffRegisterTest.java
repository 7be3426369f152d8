package uk.nhs.cpis.restriction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * The staff register, stand-in for the national staff directory (seed 001): only staff of the officer's
 * own organisation may be restricted; every officer sees the restrictions on a patient's record; the
 * organisation that made a restriction, or the one the staff member works for, removes it.
 */
@QuarkusTest
class StaffRegisterTest {
    private static final String NOT_HERE = "You cannot add a restriction on this NHS smartcard number.";

    private final String officer = Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId());

    @Test
    void shouldLoadTheRegisterFromNdjsonWithPerLineErrors() {
        String good = Tokens.newUserId();
        String ndjson = String.join("\n",
                Staff.practitionerRole(good, "Dr Ann Lee", Tokens.HOSPITAL, "ED Consultant", true),
                "",
                Staff.practitionerRole(Tokens.newUserId(), "No Name", Tokens.HOSPITAL, "Nurse", true)
                        .replace(",\"display\":\"No Name\"", ""),
                Staff.practitionerRole(Tokens.newUserId(), "No Org", "RX999", "Nurse", true)
                        .replace("\"organization\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/"
                                + "ods-organization-code\",\"value\":\"RX999\"}},", ""),
                "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"identifier\":{\"system\":\"urn:other\","
                        + "\"value\":\"x\"},\"display\":\"Other\"}}",
                "{\"resourceType\":\"Patient\"}",
                "not json");
        Staff.load(ndjson).statusCode(200).contentType("application/json")
                .body("received", equalTo(6)).body("stored", equalTo(1)).body("rejected", equalTo(5))
                .body("errors.line", contains(3, 4, 5, 6, 7))
                .body("errors[0].code", equalTo("INVALID_RESOURCE"))
                .body("errors[0].message", equalTo("PractitionerRole.practitioner.display is required: the staff "
                        + "member's name."))
                .body("errors[2].message", org.hamcrest.Matchers.containsString("https://fhir.nhs.uk/Id/sds-user-id"))
                .body("errors[4].code", equalTo("MALFORMED_CONTENT"));

        given().auth().oauth2(officer).contentType("application/fhir+ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/admin/staff").then().statusCode(403);
    }

    @Test
    void shouldLoadTheSampleStaffRegister() throws java.io.IOException {
        Staff.load(java.nio.file.Files.readString(java.nio.file.Path.of("sample-data", "staff.ndjson"))).statusCode(200)
                .body("stored", equalTo(4)).body("rejected", equalTo(0));
    }

    @Test
    void shouldRestrictOnlyStaffTheRegisterListsAtTheOfficersOrganisation() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        add(officer, nhs, "999999999999").statusCode(422).body("code", equalTo("STAFF_NOT_FOUND"))
                .body("detail", equalTo("The staff register has no staff member with this NHS smartcard number: "
                        + "check the number in Care Identity Management."));
        add(officer, nhs, Staff.at("RX202")).statusCode(422).body("code", equalTo("STAFF_NOT_AT_ORGANISATION"))
                .body("detail", equalTo(NOT_HERE));
        String left = Tokens.newUserId();
        Staff.load(Staff.practitionerRole(left, "Left Here", Tokens.HOSPITAL, "Nurse", false)).statusCode(200);
        add(officer, nhs, left).statusCode(422).body("detail", equalTo(NOT_HERE));

        add(officer, nhs, Staff.atHospital()).statusCode(201);
    }

    @Test
    void shouldShowEveryRestrictionOnAPatientsRecordToAnyPrivacyOfficer() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String user = Staff.atHospital();
        long id = add(officer, nhs, user).statusCode(201).extract().jsonPath().getLong("id");
        String elsewhere = Tokens.privacyOfficer("RX202", Tokens.newUserId());

        // Before adding, the officer of the patient's new practice sees who is already restricted.
        given().auth().oauth2(elsewhere).when().get("/api/restrictions?nhsNumber=" + nhs).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo((int) id)).body("[0].userId", equalTo(user))
                .body("[0].staffName", equalTo("Staff " + user)).body("[0].orgCode", equalTo(Tokens.HOSPITAL))
                .body("[0].createdAt", org.hamcrest.Matchers.notNullValue())
                .body("[0].managedByYou", equalTo(false)).body("[0].reason", nullValue());
        given().auth().oauth2(officer).when().get("/api/restrictions?nhsNumber=" + nhs).then().statusCode(200)
                .body("[0].managedByYou", equalTo(true)).body("[0].reason", equalTo("Relative of the patient"));
        given().auth().oauth2(elsewhere).when().get("/api/restrictions?nhsNumber=123").then().statusCode(422)
                .body("code", equalTo("INVALID_NHS_NUMBER"));
        given().auth().oauth2(elsewhere).when().get("/api/restrictions/" + id).then().statusCode(404);
        given().auth().oauth2(elsewhere).when().delete("/api/restrictions/" + id).then().statusCode(404);
    }

    @Test
    void shouldLetTheStaffMembersNewOrganisationRemoveTheRestriction() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String user = Staff.atHospital();
        long id = add(officer, nhs, user).statusCode(201).extract().jsonPath().getLong("id");

        // The staff member moves to RX202: its privacy officer may now manage the restriction on them.
        Staff.load(String.join("\n", Staff.practitionerRole(user, "Staff " + user, Tokens.HOSPITAL, "Nurse", false),
                Staff.practitionerRole(user, "Staff " + user, "RX202", "Nurse", true))).statusCode(200)
                .body("stored", equalTo(2));
        given().auth().oauth2(Tokens.privacyOfficer("RX303", Tokens.newUserId())).when()
                .delete("/api/restrictions/" + id).then().statusCode(404);
        String rx202 = Tokens.privacyOfficer("RX202", Tokens.newUserId());
        given().auth().oauth2(rx202).when().get("/api/restrictions/" + id).then().statusCode(200)
                .body("reason", equalTo("Relative of the patient"));
        given().auth().oauth2(rx202).when().delete("/api/restrictions/" + id).then().statusCode(204);
        given().auth().oauth2(officer).when().get("/api/restrictions?nhsNumber=" + nhs).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    private static ValidatableResponse add(String token, String nhs, String userId) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("nhsNumber", nhs, "userId", userId, "reason", "Relative of the patient"))
                .when().post("/api/restrictions").then().log().ifValidationFails();
    }
}
