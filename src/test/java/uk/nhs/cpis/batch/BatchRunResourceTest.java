package uk.nhs.cpis.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.BatchFaults;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

@QuarkusTest
class BatchRunResourceTest {
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;
    @Inject
    BatchFaults faults;
    @Inject
    NightlyBatch nightly;
    @Inject
    Database database;

    Instant day;

    @BeforeEach
    void freshDay() {
        day = timeline.freshDay();
    }

    @AfterEach
    void reset() {
        faults.reset();
        clock.reset();
    }

    @Test
    void shouldMakeOneAsnPerLaAndAccessUnlessTheSameKeyNotifiedWithin24Hours() {
        String la = Batches.freshLa();
        String otherLa = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 6);
        Batches.uploadPlan(otherLa, Plans.plan(child, "Taylor", birthDate(6), Plans.LAC).la(otherLa)
                .start(day.minus(Duration.ofDays(10)).toString().substring(0, 10)));
        String noPlan = TestPatients.register("Evans", "Lucy", birthDate(9));

        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        events.record(at(5), child, "anna", Tokens.HOSPITAL);  // suppressed: 4 h after anna's ASN at RX101
        events.record(at(5), child, "ben", Tokens.HOSPITAL);   // another user: another key
        events.record(at(6), child, "anna", "RY202");          // another organisation: another key
        events.record(at(30), child, "anna", Tokens.HOSPITAL); // 29 h after anna's ASN at RX101
        events.record(at(7), noPlan, "anna", Tokens.HOSPITAL); // no plan: neither notified nor suppressed
        clock.set(at(48));

        JsonPath run = Batches.run(at(47));

        assertEquals("completed", run.getString("status"));
        assertEquals(at(47).toString(), run.getString("cutoff"));
        assertEquals(6, run.getLong("eventsRead"));
        assertEquals(8, run.getLong("notificationsCreated"), "4 notifying accesses, 2 LAs each");
        assertEquals(1, run.getLong("suppressed"));
        assertEquals(1, run.getLong("eventsWithoutPlan"));
        assertEquals("on-demand", run.getString("trigger"));
        assertEquals(List.of(at(1), at(5), at(6), at(30)).stream().map(Instant::toString).toList(),
                accessTimes(la, null));
        assertEquals(4, Batches.feed(otherLa, "sw1", "category=asn").getList("entry").size());
        assertEquals(1, accessTimes(la, "ben").size());
    }

    @Test
    void shouldTurnAB0107LookupIntoOneAsnForTheLaAndAB0170LookupIntoNone() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 7);
        String viewer = Tokens.newUserId();
        clock.set(at(1));
        Lookups.details(Tokens.clinician(viewer), child).statusCode(200).body("total", equalTo(1));
        clock.set(at(2));
        Lookups.details(Tokens.noAsn(Tokens.newUserId()), child).statusCode(200).body("total", equalTo(1));
        clock.set(at(4));

        assertEquals(1, Batches.run(at(3)).getLong("notificationsCreated"));

        JsonPath feed = Batches.feed(la, "sw1", "category=asn");
        assertEquals(1, feed.getInt("total"), "the B0107 view only");
        String asn = "entry[0].resource.";
        assertEquals(child, feed.getString(asn + "subject.identifier.value"));
        assertEquals(at(1).toString(), feed.getString(asn + extension("access-time") + ".valueDateTime"));
        assertEquals(viewer, feed.getString(asn + extension("accessing-user") + ".valueReference.identifier.value"));
        assertEquals("Test User " + viewer, feed.getString(asn + extension("accessing-user")
                + ".valueReference.display"));
        assertEquals(Tokens.HOSPITAL, feed.getString(asn + extension("accessing-organization")
                + ".valueReference.identifier.value"));
        assertEquals(Tokens.HOSPITAL + " Organisation", feed.getString(asn + extension("accessing-organization")
                + ".valueReference.display"));
    }

    @Test
    void shouldMakeOneAsnPerLaHoweverManyOfItsPlansAreDisplayable() {
        String la = Batches.freshLa();
        String otherLa = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 6);
        Batches.uploadPlan(la, Plans.plan(child, "Taylor", birthDate(6), Plans.LAC).la(la).start(date(-24 * 20)));
        Batches.uploadPlan(otherLa, Plans.plan(child, "Taylor", birthDate(6), Plans.LAC).la(otherLa)
                .start(date(-24 * 20)));
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        clock.set(at(3));

        JsonPath run = Batches.run(at(2));

        assertEquals("completed", run.getString("status"));
        assertEquals(2, run.getLong("notificationsCreated"), "one per LA, not one per plan");
        assertEquals(1, Batches.feed(la, "sw1", "category=asn").getInt("total"), "a CPP and a LAC: one ASN");
        assertEquals(1, Batches.feed(otherLa, "sw1", "category=asn").getInt("total"));
    }

    @Test
    void shouldMakeNoDuplicateWhenRunAgainOverTheSameEvents() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 4);
        events.record(at(2), child, "anna", Tokens.HOSPITAL);
        events.record(at(3), child, "ben", Tokens.HOSPITAL);
        clock.set(at(24));

        assertEquals(2, Batches.run(at(23)).getLong("notificationsCreated"));
        JsonPath again = Batches.run(at(23));

        assertEquals(0, again.getLong("eventsRead"));
        assertEquals(0, again.getLong("notificationsCreated"));
        assertEquals(2L, notificationsFor(child));
    }

    @Test
    void shouldStopAtTheCutoffAndCarryThe24HourWindowIntoTheNextRun() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 8);
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        events.record(at(20), child, "anna", Tokens.HOSPITAL);
        events.record(at(26), child, "anna", Tokens.HOSPITAL);
        clock.set(at(48));

        JsonPath first = Batches.run(at(10));
        JsonPath second = Batches.run(at(47));

        assertEquals(1, first.getLong("eventsRead"));
        assertEquals(1, first.getLong("notificationsCreated"));
        assertEquals(2, second.getLong("eventsRead"));
        assertEquals(1, second.getLong("suppressed"), "20 h: within the window anchored by the first run");
        assertEquals(1, second.getLong("notificationsCreated"), "26 h: 25 h after the anchor");
        assertEquals(List.of(at(1).toString(), at(26).toString()), accessTimes(la, null));
    }

    @Test
    void shouldNotifyOnlyForAccessesInsideThePlansDisplayWindow() {
        String la = Batches.freshLa();
        LocalDate born = birthDate(5);
        String child = TestPatients.register("Brown", "Lucy", born);
        clock.set(at(72));
        Batches.uploadPlan(la, Plans.plan(child, "Brown", born, Plans.CPP).la(la).start(date(48)));
        events.record(at(12), child, "anna", Tokens.HOSPITAL); // before the plan's start day
        events.record(at(50), child, "ben", Tokens.HOSPITAL);  // on its start day

        JsonPath run = Batches.run(at(71));

        assertEquals(1, run.getLong("eventsWithoutPlan"));
        assertEquals(1, run.getLong("notificationsCreated"));
        assertEquals(List.of(at(50).toString()), accessTimes(la, null));
    }

    @Test
    void shouldAnswer202AndFinishTheRunWhenAskedToRespondAsync() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 3);
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        clock.set(at(3));

        String location = given().auth().oauth2(Tokens.admin()).header("Prefer", "respond-async")
                .contentType("application/json").body("{\"cutoff\":\"" + at(2) + "\"}")
                .when().post("/api/batch-runs")
                .then().statusCode(202).body("status", equalTo("running")).header("Location", startsWith("http"))
                .extract().header("Location");

        JsonPath finished = pollUntilFinished(location);
        assertEquals("completed", finished.getString("status"));
        assertEquals(1, finished.getLong("notificationsCreated"));
        assertTrue(finished.getLong("durationMillis") >= 0);
    }

    @Test
    void shouldRefuseASecondRunWhileOneIsRunning() throws Exception {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 3);
        for (int hour = 1; hour <= 6; hour++) {
            events.record(at(hour), child, "user" + hour, Tokens.HOSPITAL);
        }
        clock.set(at(10));
        faults.holdAtChunk(1);
        CompletableFuture<JsonPath> first = CompletableFuture.supplyAsync(() -> Batches.run(at(9)));
        assertTrue(faults.awaitHeld(), "the first run reached its first chunk");

        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .when().post("/api/batch-runs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("BATCH_ALREADY_RUNNING"));
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs")
                .then().statusCode(200).body("[0].status", equalTo("running"));

        faults.release();
        JsonPath done = first.get();
        assertEquals("completed", done.getString("status"));
        assertEquals(6, done.getLong("notificationsCreated"));
    }

    @Test
    void shouldDefaultTheCutoffToNowLessTheSettleTime() {
        clock.set(at(5));
        given().auth().oauth2(Tokens.admin()).when().post("/api/batch-runs")
                .then().statusCode(201).body("cutoff", equalTo(at(5).minus(Duration.ofMinutes(1)).toString()));
    }

    @Test
    void shouldRunFromTheSchedule() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 3);
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        clock.set(at(25));

        nightly.run();

        JsonPath latest = given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("scheduled", latest.getString("[0].trigger"));
        assertEquals("completed", latest.getString("[0].status"));
        assertEquals(1, latest.getLong("[0].notificationsCreated"));
        String id = latest.getString("[0].id");
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("eventsRead", equalTo(1))
                .body("housekeeping.plansPurged", equalTo(0));
    }

    @Test
    void shouldRefuseBadRunRequests() {
        clock.set(at(5));
        post("{\"cutoff\":\"" + at(6) + "\"}").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"));
        // Events of the last minute (the settle time) may still be committing.
        post("{\"cutoff\":\"" + at(5).minusSeconds(59) + "\"}").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        post("{\"cutoff\":\"-200000000-01-01T00:00:00Z\"}").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        post("{\"cutoff\":-9000000000000000}").then().statusCode(400);
        post("{\"cutoff\":\"yesterday\"}").then().statusCode(400).body("code", equalTo("MALFORMED_CONTENT"));
        post("{\"cutof\":\"" + at(4) + "\"}").then().statusCode(400).body("code", equalTo("MALFORMED_CONTENT"));
        post("{\"cutoff\":").then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs/no-such-run")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.laUpload()).contentType("application/json").body("{}")
                .when().post("/api/batch-runs").then().statusCode(403);
        given().auth().oauth2(Tokens.clinician("anna")).when().get("/api/batch-runs").then().statusCode(403);
        given().when().get("/api/batch-runs").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs")
                .then().statusCode(200).body("findAll { it.cutoff == '" + at(6) + "' }.size()", equalTo(0));
    }

    private io.restassured.response.Response post(String body) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/json").body(body)
                .when().post("/api/batch-runs");
    }

    private static JsonPath pollUntilFinished(String location) {
        // No sleeping: a bounded number of polls; each is a round trip to the server.
        for (int poll = 0; poll < 20_000; poll++) {
            JsonPath run = given().auth().oauth2(Tokens.admin()).when().get(location)
                    .then().statusCode(200).extract().jsonPath();
            if (!"running".equals(run.getString("status"))) {
                return run;
            }
        }
        throw new AssertionError("the run did not finish");
    }

    /** The access times of the LA's ASNs (of one user, or all), in feed order. */
    // In access-time order: a run makes its ASNs in key order (child, user, organisation, then time).
    private List<String> accessTimes(String la, String userId) {
        return database.query("select accessed_at from notification where la_code = ? and category = 'asn'"
                + (userId == null ? "" : " and user_id = ?") + " order by accessed_at, seq", statement -> {
                    statement.setString(1, la);
                    if (userId != null) {
                        statement.setString(2, userId);
                    }
                }, row -> row.getTimestamp(1).toInstant().toString());
    }

    private long notificationsFor(String nhsNumber) {
        return database.queryFirst("select count(*) from notification where nhs_number = ?",
                statement -> statement.setString(1, nhsNumber), row -> row.getLong(1)).orElseThrow();
    }

    private Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }

    private String date(int hours) {
        return at(hours).toString().substring(0, 10);
    }

    private static String extension(String name) {
        return "extension.find { it.url.endsWith('/notification-" + name + "') }";
    }

    private LocalDate birthDate(int yearsOld) {
        return LocalDate.ofInstant(day, ZoneOffset.UTC).minusYears(yearsOld);
    }
}
