package uk.nhs.cpis.restriction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * Blocked attempts are audit records (seed 001): they outlive the restriction, stay listed for the
 * privacy officer, and go only after the audit retention (test value 500 days).
 */
@QuarkusTest
class BlockedAttemptsTest {
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldKeepBlockedAttemptsAfterTheRestrictionIsRemovedUntilTheAuditRetentionEnds() {
        Instant day = timeline.freshDay();
        String nhs = TestPatients.register("Taylor", "Johnny", LocalDate.of(2016, 4, 2));
        String other = TestPatients.register("Hall", "Amber", LocalDate.of(2015, 3, 1));
        String officer = Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId());
        String user = Staff.atHospital();
        long id = given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("nhsNumber", nhs, "userId", user, "reason", "Relative of the patient"))
                .when().post("/api/restrictions").then().statusCode(201).extract().jsonPath().getLong("id");
        Lookups.presence(Tokens.clinician(user), nhs).statusCode(403);
        Lookups.details(Tokens.clinician(user), nhs).statusCode(403);

        given().auth().oauth2(officer).when().delete("/api/restrictions/" + id).then().statusCode(204);

        given().auth().oauth2(officer).when().get("/api/restrictions/blocked-attempts?nhsNumber=" + nhs).then()
                .statusCode(200).body("size()", equalTo(2)).body("action", equalTo(List.of("DETAILS", "PRESENCE")))
                .body("restrictionId", equalTo(List.of((int) id, (int) id)))
                .body("restrictionInForce", equalTo(List.of(false, false)))
                .body("userId[0]", equalTo(user)).body("nhsNumber[0]", equalTo(nhs))
                .body("attemptedAt[0]", equalTo(day.toString()));
        given().auth().oauth2(officer).when().get("/api/restrictions/blocked-attempts?nhsNumber=" + other).then()
                .statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(Tokens.privacyOfficer("RX202", Tokens.newUserId())).when()
                .get("/api/restrictions/blocked-attempts?nhsNumber=" + nhs).then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(officer).when().get("/api/restrictions/blocked-attempts?nhsNumber=123").then()
                .statusCode(422).body("code", equalTo("INVALID_NHS_NUMBER"));
        given().auth().oauth2(officer).when().get("/api/restrictions/blocked-attempts?patient=" + nhs).then()
                .statusCode(400).body("code", equalTo("INVALID_PARAMETER"));

        clock.set(day.plus(Duration.ofDays(451)));
        Batches.run(day.plus(Duration.ofDays(450)));
        assertEquals(2, attempts(officer, nhs), "kept within the audit retention");
        clock.set(day.plus(Duration.ofDays(502)));
        Batches.run(day.plus(Duration.ofDays(501)));
        assertEquals(0, attempts(officer, nhs), "purged after it");
    }

    private static int attempts(String officer, String nhs) {
        return given().auth().oauth2(officer).when().get("/api/restrictions/blocked-attempts?nhsNumber=" + nhs)
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
