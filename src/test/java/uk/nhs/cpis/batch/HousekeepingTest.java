package uk.nhs.cpis.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The nightly clean-up (test values: plan grace 7 days, access events and notifications kept 400 days). */
@QuarkusTest
class HousekeepingTest {
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;
    @Inject
    Database database;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldPurgeClosedPlansAndExpiredEventsAndNotificationsAndReportThem() {
        Instant day = timeline.freshDay();
        LocalDate today = LocalDate.ofInstant(day, ZoneOffset.UTC);
        String la = Batches.freshLa();
        LocalDate born = today.minusYears(10);
        String ended = TestPatients.register("Hall", "Amber", born);
        // Ended 10 days ago: shown until 354 days from now, purged 7 days after that.
        Batches.uploadPlan(la, Plans.plan(ended, "Hall", born, Plans.CPP).la(la)
                .start(today.minusDays(400).toString()).end(today.minusDays(10).toString()));
        String current = Batches.childWithPlan(la, day, 6);
        long view = events.record(day.plus(Duration.ofHours(1)), current, "anna", Tokens.HOSPITAL);
        // As a B0107 lookup stores it: the event holds the view's security-audit line (V16).
        database.update("update access_event set request_id = 'housekeeping', result_count = 1 where id = ?",
                statement -> statement.setLong(1, view));
        String auditLine = "select count(*) from %s where nhs_number = ? and request_id = 'housekeeping'"
                + " and action = 'DETAILS' and user_id = 'anna' and result_count = 1";
        clock.set(day.plus(Duration.ofDays(2)));
        assertEquals(0, Batches.run(day.plus(Duration.ofDays(1))).getLong("housekeeping.plansPurged"));
        assertEquals(1, count("select count(*) from notification where nhs_number = ?", current));

        clock.set(day.plus(Duration.ofDays(363)));
        Batches.run(day.plus(Duration.ofDays(361)));
        assertEquals(1, count("select count(*) from care_plan where nhs_number = ?", ended),
                "shown until day 354, kept 7 days more: still there on day 361");
        JsonPath later = Batches.run(day.plus(Duration.ofDays(362)));
        assertEquals(0, count("select count(*) from care_plan where nhs_number = ?", ended), "purged on day 362");
        assertTrue(later.getLong("housekeeping.plansPurged") >= 1);
        assertEquals(1, planCount(la));
        assertEquals(1, count("select count(*) from access_event where nhs_number = ?", current), "kept 400 days");
        assertEquals(0, count(auditLine.formatted("security_audit"), current), "held by the access event");
        assertEquals(1, count(auditLine.formatted("security_audit_line"), current));

        clock.set(day.plus(Duration.ofDays(420)));
        JsonPath much = Batches.run(day.plus(Duration.ofDays(419)));
        assertTrue(much.getLong("housekeeping.accessEventsPurged") >= 1);
        assertTrue(much.getLong("housekeeping.notificationsPurged") >= 1);
        assertEquals(0, count("select count(*) from access_event where nhs_number = ?", current));
        assertEquals(1, count(auditLine.formatted("security_audit"), current),
                "the view's security-audit line outlives its access event");
        assertEquals(1, count(auditLine.formatted("security_audit_line"), current));
        assertEquals(0, count("select count(*) from notification where nhs_number = ?", current));
        assertEquals(1, planCount(la), "a plan still shown is never purged");
    }

    private long planCount(String la) {
        return given().auth().oauth2(Tokens.laUpload(la)).when().get("/fhir/CareTeam").then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).extract().jsonPath().getLong("total");
    }

    private long count(String sql, String nhsNumber) {
        return database.queryFirst(sql, statement -> statement.setString(1, nhsNumber), row -> row.getLong(1))
                .orElseThrow();
    }
}
