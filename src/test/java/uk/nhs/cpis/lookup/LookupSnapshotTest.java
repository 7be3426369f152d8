package uk.nhs.cpis.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.db.LookupChanges;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * Every instance keeps what lookups show in memory (issue 15). A second instance is a second snapshot on the
 * same database, which learns of this instance's writes only through the database: each change committed here
 * must show in the very next lookup there with the tests' lag of zero (a lookup reads the change version first),
 * and within the lag otherwise.
 */
@QuarkusTest
class LookupSnapshotTest {
    private static final String FAMILY = "Okafor";
    private static final long SECOND = 1_000_000_000L;

    @Inject
    LookupRepository repository;
    @Inject
    LookupChanges changes;
    @Inject
    DisplayWindow window;
    @Inject
    LookupConfig config;

    LookupSnapshot otherInstance;
    LocalDate today;
    LocalDate born;
    String user;

    @BeforeEach
    void startOtherInstance() {
        otherInstance = new LookupSnapshot();
        otherInstance.repository = repository;
        otherInstance.changes = changes;
        otherInstance.config = config;
        today = window.today();
        born = today.minusYears(6);
        user = Tokens.newUserId();
    }

    @Test
    void shouldShowOnAnotherInstanceAPlanFromItsCommitAndStopOnceWithdrawn() {
        String child = TestPatients.register(FAMILY, "Ada", born);
        assertTrue(plansThere(child).isEmpty());

        uploadCpp(child);
        assertEquals(1, plansThere(child).size(), "shown there by the next lookup after the upload");

        withdrawCpp(child);
        assertTrue(plansThere(child).isEmpty(), "gone there by the next lookup after the withdrawal");
        Lookups.details(Tokens.clinician(user), child).statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldStopTheUserOnAnotherInstanceOnceARestrictionIsAddedAndNotOnceRemoved() {
        String child = TestPatients.register(FAMILY, "Ben", born);
        uploadCpp(child);
        String restricted = Staff.atHospital();
        assertEquals(Optional.empty(), otherInstance.read(restricted, child, today).restriction());

        long id = given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId()))
                .contentType("application/json")
                .body(Map.of("nhsNumber", child, "userId", restricted, "reason", "Neighbour of the family"))
                .when().post("/api/restrictions").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(Optional.of(id), otherInstance.read(restricted, child, today).restriction());
        assertEquals(Optional.empty(), otherInstance.read(user, child, today).restriction(), "only that user");

        given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId()))
                .when().delete("/api/restrictions/" + id).then().statusCode(204);
        assertEquals(Optional.empty(), otherInstance.read(restricted, child, today).restriction());
    }

    @Test
    void shouldFollowOnAnotherInstanceASupersessionRegisteredAfterThePlanAndItsUndoing() {
        String old = TestPatients.register(FAMILY, "Cal", born);
        uploadCpp(old);
        String current = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.patientJson(current, FAMILY, "Cal", born), current);
        assertTrue(plansThere(current).isEmpty());

        TestPatients.load(TestPatients.supersededJson(old, current, FAMILY, "Cal", born));
        assertEquals(1, plansThere(current).size(), "the old number's plan, on the new number");
        assertEquals(Set.of(old, current), otherInstance.read(user, current, today).linkedNumbers());

        // The register corrects itself: the old number stands alone again, and so does the new one.
        TestPatients.load(TestPatients.patientJson(old, FAMILY, "Cal", born).replace("\n", ""));
        assertTrue(plansThere(current).isEmpty(), "the link undone");
        assertEquals(1, plansThere(old).size());
    }

    @Test
    void shouldReadEverythingAgainWhenBehindThePurgedChangesOrAChangeTooLargeToList() {
        String child = TestPatients.register(FAMILY, "Dee", born);
        assertTrue(plansThere(child).isEmpty());
        uploadCpp(child);
        assertTrue(changes.purgeBefore(Instant.now().plusSeconds(3600)) > 0);
        assertEquals(1, plansThere(child).size(), "read in full: the change it missed was purged");

        withdrawCpp(child);
        List<String> many = IntStream.range(0, LookupChanges.MAX_LISTED + 1).mapToObj(i -> TestPatients.newNhsNumber())
                .toList();
        QuarkusTransaction.requiringNew().run(() -> changes.changed(many));
        assertTrue(plansThere(child).isEmpty(), "read in full after a change to everything");
    }

    @Test
    void shouldShowAChangeOnAnotherInstanceWithinItsLagAndReadNoVersionInsideIt() {
        long[] tick = {0};
        otherInstance.config = withLag(Duration.ofSeconds(1));
        otherInstance.ticker = () -> tick[0];
        String child = TestPatients.register(FAMILY, "Eve", born);
        assertTrue(plansThere(child).isEmpty(), "the first lookup reads the version itself");

        uploadCpp(child);
        tick[0] = SECOND;
        assertTrue(plansThere(child).isEmpty(), "a second after the last read: answered from memory, no read");
        tick[0] = SECOND + 1;
        assertEquals(1, plansThere(child).size(), "past the lag the lookup reads the version itself");
        assertTrue(otherInstance.read(user, child, today).registered(), "told by the plan's register entry");

        withdrawCpp(child);
        tick[0] = 3 * SECOND / 2;
        assertEquals(1, plansThere(child).size(), "half a second after the last read: answered from memory");
        otherInstance.refresh();
        tick[0] = 5 * SECOND / 2;
        assertTrue(plansThere(child).isEmpty(), "the refresher's read, a second ago, caught up with the withdrawal");
        String unregistered = TestPatients.newNhsNumber();
        assertFalse(otherInstance.read(user, unregistered, today).registered(), "a number without a plan is read");
    }

    @Test
    void shouldRefuseAChangeOutsideATransaction() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> changes.changed(List.of(TestPatients.newNhsNumber())));
        assertFalse(refused.getMessage().isEmpty());
    }

    private LookupConfig withLag(Duration lag) {
        return new LookupConfig() {
            @Override
            public int previousViews() {
                return config.previousViews();
            }

            @Override
            public long encodedCacheBytes() {
                return config.encodedCacheBytes();
            }

            @Override
            public Duration maxLag() {
                return lag;
            }
        };
    }

    private List<LookupRepository.ShownPlan> plansThere(String nhsNumber) {
        return otherInstance.read(user, nhsNumber, today).plans();
    }

    private void uploadCpp(String nhsNumber) {
        Lookups.upload(Plans.plan(nhsNumber, FAMILY, born, Plans.CPP).start(today.minusDays(20).toString()), Tokens.LA);
    }

    private static void withdrawCpp(String nhsNumber) {
        given().auth().oauth2(Tokens.laUpload(Tokens.LA)).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.deleteEntry(nhsNumber, Plans.CPP))).when().post("/fhir")
                .then().statusCode(200).body("entry[0].response.status", equalTo("204 No Content"));
    }
}
