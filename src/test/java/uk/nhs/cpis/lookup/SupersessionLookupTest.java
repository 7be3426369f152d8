package uk.nhs.cpis.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * Lookups follow NHS-number supersession (issue 12 item 1): a plan held under any number of a replaced-by
 * chain shows whichever number of the chain is looked up, until and after the LA resubmits it.
 */
@QuarkusTest
class SupersessionLookupTest {
    private static final String FAMILY = "Green";
    // The number each plan is held under: its CareTeam's contained Patient.
    private static final String CARE_TEAM_PATIENT = "entry.collect { it.resource.contained[0].identifier[0].value }";

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;

    Instant day;
    LocalDate today;
    LocalDate born;
    String la;

    @BeforeEach
    void freshDay() {
        day = timeline.freshDay();
        today = LocalDate.ofInstant(day, ZoneOffset.UTC);
        born = today.minusYears(8);
        la = Batches.freshLa();
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldShowOnTheNewNumberThePlanHeldUnderTheOldOne() {
        String old = registered();
        uploadCpp(old, la);
        String current = supersede(old);

        Lookups.presence(clinician(), current).statusCode(200).body("total", equalTo(1));
        Lookups.details(clinician(), current).statusCode(200).body("total", equalTo(1))
                .body(CARE_TEAM_PATIENT, equalTo(List.of(old)))
                .body("entry.resource.managingOrganization[0].identifier.value", equalTo(List.of(la)));
    }

    @Test
    void shouldShowOnTheOldNumberThePlanResubmittedUnderTheNewOne() {
        String old = registered();
        String current = supersede(old);
        uploadCpp(current, la);

        Lookups.presence(clinician(), old).statusCode(200).body("total", equalTo(1));
        Lookups.details(clinician(), old).statusCode(200).body("total", equalTo(1))
                .body(CARE_TEAM_PATIENT, equalTo(List.of(current)));
    }

    @Test
    void shouldFollowAChainOfThreeNumbersAndABranchFromWhicheverNumberIsLookedUp() {
        String first = registered();
        String branch = registered();
        uploadCpp(first, la);
        String other = Batches.freshLa();
        uploadCpp(branch, other);
        String second = supersede(first);
        String third = supersede(second);
        // Two records merged: the branch is replaced by the chain's current number.
        TestPatients.load(TestPatients.supersededJson(branch, third, FAMILY, "Sam", born));

        for (String looked : List.of(first, second, third, branch)) {
            Lookups.details(clinician(), looked).statusCode(200).body("total", equalTo(2))
                    .body(CARE_TEAM_PATIENT, containsInAnyOrder(first, branch));
        }
    }

    @Test
    void shouldEndAWalkRoundACycleOfReplacements() {
        String a = registered();
        String b = TestPatients.newNhsNumber();
        String c = TestPatients.newNhsNumber();
        uploadCpp(a, la);
        // a -> b -> c -> a: the register refuses only two numbers replacing each other.
        TestPatients.load(TestPatients.supersededJson(b, c, FAMILY, "Sam", born));
        TestPatients.load(TestPatients.supersededJson(c, a, FAMILY, "Sam", born));
        TestPatients.load(TestPatients.supersededJson(a, b, FAMILY, "Sam", born));

        Lookups.details(clinician(), c).statusCode(200).body("total", equalTo(1))
                .body(CARE_TEAM_PATIENT, equalTo(List.of(a)));
    }

    @Test
    void shouldKeepTheNumberLookedUpAndTellEachLaAboutTheNumberItsPlanIsHeldUnder() {
        String old = registered();
        uploadCpp(old, la);
        String current = supersede(old);
        String resubmitted = Batches.freshLa();
        uploadCpp(current, resubmitted);
        String userId = Tokens.newUserId();

        clock.set(day.plus(Duration.ofHours(1)));
        Lookups.details(Tokens.clinician(userId), current).statusCode(200).body("total", equalTo(2));

        // Previous views cover the chain: the view shows on the old number too, naming the number looked up.
        for (String looked : List.of(old, current)) {
            Lookups.previousViews(clinician(), looked).statusCode(200).body("total", equalTo(1))
                    .body("entry[0].resource.entity[0].what.identifier.value", equalTo(current));
        }
        clock.set(day.plus(Duration.ofHours(3)));
        Batches.run(day.plus(Duration.ofHours(2)));
        assertEquals(Map.of("subject", old, "user", userId), onlyAsn(la));
        assertEquals(Map.of("subject", current, "user", userId), onlyAsn(resubmitted));
    }

    @Test
    void shouldStopARestrictedUserOnEveryNumberOfTheChain() {
        String old = registered();
        uploadCpp(old, la);
        String userId = Staff.atHospital();
        given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId())).contentType("application/json")
                .body(Map.of("nhsNumber", old, "userId", userId, "reason", "Relative of the patient"))
                .when().post("/api/restrictions").then().statusCode(201);
        String current = supersede(old);

        Lookups.details(Tokens.clinician(userId), current).statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("ACCESS_RESTRICTED"));
        Lookups.presence(Tokens.clinician(userId), current).statusCode(403);
        Lookups.details(clinician(), current).statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldAnswerASearchByASupersededNumberWithTheChainsCurrentNumber() {
        String first = registered();
        String second = supersede(first);
        String third = supersede(second);

        given().auth().oauth2(clinician()).queryParam("identifier", Lookups.patient(first))
                .when().get("/fhir/Patient").then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(first)).body("entry[0].resource.active", equalTo(false))
                .body("entry[0].search.mode", equalTo("match"))
                .body("entry[1].resource.id", equalTo(third)).body("entry[1].resource.active", equalTo(true))
                .body("entry[1].search.mode", equalTo("include"));
    }

    private String registered() {
        return TestPatients.register(FAMILY, "Sam", born);
    }

    private void uploadCpp(String nhsNumber, String laCode) {
        Batches.uploadPlan(laCode, Plans.plan(nhsNumber, FAMILY, born, Plans.CPP).la(laCode)
                .start(today.minusDays(30).toString()));
    }

    /** Registers a new number for the patient, then marks {@code old} replaced by it; answers the new number. */
    private String supersede(String old) {
        String current = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.patientJson(current, FAMILY, "Sam", born), current);
        TestPatients.load(TestPatients.supersededJson(old, current, FAMILY, "Sam", born));
        return current;
    }

    private static String clinician() {
        return Tokens.clinician(Tokens.newUserId());
    }

    private static Map<String, String> onlyAsn(String laCode) {
        JsonPath feed = Batches.feed(laCode, "sw1", "category=asn");
        assertEquals(1, feed.getInt("total"), "one ASN to " + laCode);
        return Map.of("subject", feed.getString("entry[0].resource.subject.identifier.value"),
                "user", feed.getString("entry[0].resource.extension.find { it.url.endsWith('accessing-user') }"
                        + ".valueReference.identifier.value"));
    }
}
