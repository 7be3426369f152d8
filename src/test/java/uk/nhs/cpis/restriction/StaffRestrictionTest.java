package uk.nhs.cpis.restriction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** A privacy officer restricting staff of its own organisation (seed 001), and the restricted user's lookups. */
@QuarkusTest
class StaffRestrictionTest {
    private static final String OFFICER_ORG = Tokens.HOSPITAL;
    private static final String PROBLEM_JSON = "application/problem+json";

    private final String officer = Tokens.privacyOfficer(OFFICER_ORG, Tokens.newUserId());

    private static ValidatableResponse add(String token, String nhs, String userId, String reason) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("nhsNumber", nhs, "userId", userId, "reason", reason))
                .when().post("/api/restrictions").then().log().ifValidationFails();
    }

    private static long addOk(String token, String nhs, String userId) {
        return add(token, nhs, userId, "Relative of the patient").statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void shouldAddARestrictionAndAnswerIt() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String user = Staff.atHospital();
        long id = add(officer, nhs, user, "Works with the family").statusCode(201)
                .contentType("application/json")
                .header("Location", org.hamcrest.Matchers.containsString("/api/restrictions/"))
                .body("nhsNumber", equalTo(nhs)).body("userId", equalTo(user))
                .body("reason", equalTo("Works with the family")).body("orgCode", equalTo(OFFICER_ORG))
                .body("staffName", equalTo("Staff " + user))
                .body("blockedAttempts", equalTo(List.of()))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(officer).when().get("/api/restrictions/" + id).then().statusCode(200)
                .body("userId", equalTo(user)).body("nhsNumber", equalTo(nhs));
    }

    @Test
    void shouldRefuseToRestrictTheOfficerThemself() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String self = Tokens.newUserId();
        add(Tokens.privacyOfficer(OFFICER_ORG, self), nhs, self, "test").statusCode(422).contentType(PROBLEM_JSON)
                .body("code", equalTo("SELF_RESTRICTION")).body("status", equalTo(422));
    }

    @Test
    void shouldRefuseASecondRestrictionForTheSameUserAndPatient() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String user = Staff.atHospital();
        // The user works at RX202 too (one PractitionerRole per organisation).
        Staff.load(Staff.practitionerRole(user, "Staff " + user, "RX202", "Staff Nurse", true)).statusCode(200);
        addOk(officer, nhs, user);
        add(Tokens.privacyOfficer(OFFICER_ORG, Tokens.newUserId()), nhs, user, "again").statusCode(409)
                .contentType(PROBLEM_JSON).body("code", equalTo("DUPLICATE_RESTRICTION"))
                .body("detail", equalTo("A restriction on this record already exists for this NHS smartcard number."));
        // The restriction follows the user and the patient: another organisation cannot add a second one.
        add(Tokens.privacyOfficer("RX202", Tokens.newUserId()), nhs, user, "again").statusCode(409)
                .contentType(PROBLEM_JSON).body("code", equalTo("DUPLICATE_RESTRICTION"))
                .body("detail", equalTo("A restriction on this record already exists for this NHS smartcard number."));
    }

    @Test
    void shouldRefuseBadRestrictionRequests() {
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        add(officer, "1234567890", Tokens.newUserId(), "r").statusCode(422).contentType(PROBLEM_JSON)
                .body("code", equalTo("INVALID_NHS_NUMBER"));
        add(officer, TestPatients.newNhsNumber(), Tokens.newUserId(), "r").statusCode(422)
                .body("code", equalTo("PATIENT_NOT_FOUND"));
        add(officer, nhs, Tokens.newUserId(), " ").statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("INVALID_REQUEST"));
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("nhsNumber", nhs, "userId", Tokens.newUserId(), "reason", "r", "expires", "never"))
                .when().post("/api/restrictions").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(officer).contentType("application/json").body("{\"nhsNumber\":")
                .when().post("/api/restrictions").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(officer).when().delete("/api/restrictions/not-a-number").then().statusCode(404);
        add(Tokens.clinician(Tokens.newUserId()), nhs, Tokens.newUserId(), "r").statusCode(403)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void shouldRefuseTheRestrictedUsersLookupsAndShowTheBlockedAttempts() {
        String nhs = Lookups.childWithPlan(LocalDate.of(2016, 4, 2), "2025-05-01");
        String user = Staff.atHospital();
        long id = addOk(officer, nhs, user);
        String restricted = Tokens.clinician(user);

        // Acting for another organisation changes nothing: the restriction stays with the patient's record.
        String elsewhere = Tokens.token("cpis-view", "RX202", user);
        for (ValidatableResponse refused : List.of(Lookups.presence(restricted, nhs), Lookups.details(restricted, nhs),
                Lookups.previousViews(restricted, nhs), Lookups.details(Tokens.noAsn(user), nhs),
                Lookups.presence(elsewhere, nhs), Lookups.details(elsewhere, nhs), Lookups.previousViews(elsewhere, nhs))) {
            refused.statusCode(403).contentType("application/fhir+json")
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].details.coding[0].code", equalTo("ACCESS_RESTRICTED"))
                    .body("issue[0].diagnostics", equalTo(Lookups.RESTRICTED))
                    .body("entry", nullValue());
        }
        assertEquals(0, Lookups.viewCount(nhs), "a refused view is no access event");
        // Seed 001's message with the advice line of spec section 8, word for word.
        Lookups.details(restricted, nhs).body("issue[0].diagnostics", equalTo("You cannot access this patient's "
                + "record or documents. If you think you've been restricted by mistake, speak to your privacy officer."));

        // Only that user.
        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200);

        // The officer who made it sees every blocked attempt, those made acting for RX202 too; RX202 lists its own only.
        given().auth().oauth2(officer).when().get("/api/restrictions").then().statusCode(200)
                .body("find { it.id == " + id + " }.userId", equalTo(user))
                .body("find { it.id == " + id + " }.blockedAttempts.action", equalTo(List.of("DETAILS", "PREVIOUS_VIEWS",
                        "DETAILS", "PRESENCE", "DETAILS", "PREVIOUS_VIEWS", "DETAILS", "PRESENCE")));
        given().auth().oauth2(Tokens.privacyOfficer("RX202", Tokens.newUserId())).when().get("/api/restrictions")
                .then().statusCode(200).body("id", not(hasItem((int) id)));
    }

    @Test
    void shouldRemoveARestrictionOfTheOwnOrganisationOnly() {
        String nhs = Lookups.childWithPlan(LocalDate.of(2016, 4, 2), "2025-05-01");
        String user = Staff.atHospital();
        long id = addOk(officer, nhs, user);
        Lookups.details(Tokens.clinician(user), nhs).statusCode(403);

        // Answered as an unknown id (ids are sequential): nothing about another organisation's restrictions.
        String otherOfficer = Tokens.privacyOfficer("RX202", Tokens.newUserId());
        given().auth().oauth2(otherOfficer).when().delete("/api/restrictions/" + id).then().statusCode(404)
                .contentType(PROBLEM_JSON).body("code", equalTo("NOT_FOUND"))
                .body("detail", not(containsString(OFFICER_ORG)));
        given().auth().oauth2(otherOfficer).when().get("/api/restrictions/" + id).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(officer).when().delete("/api/restrictions/" + id).then().statusCode(204);
        given().auth().oauth2(officer).when().delete("/api/restrictions/" + id).then().statusCode(404)
                .contentType(PROBLEM_JSON);

        Lookups.details(Tokens.clinician(user), nhs).statusCode(200).body("total", equalTo(1));
        // Removed, the same restriction may be added again.
        addOk(officer, nhs, user);
    }
}
