package uk.nhs.cpis.mode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.ServiceModes;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** Read-only mode (seed 004, spec section 7): every write refused with 503 and nothing applied; lookups go on. */
@QuarkusTest
class ReadOnlyModeTest {
    private static final String REASON = "Database moving to the new cluster";
    /** Every table a write endpoint changes; the access-event tables are left out, since views go on being recorded. */
    private static final List<String> WRITTEN = List.of("patient", "care_plan", "upload_acknowledgement",
            "staff_restriction", "la_restriction", "la_restriction_user", "la_restriction_review", "batch_run",
            "notification", "asn_watermark");

    @Inject
    Database database;
    @Inject
    ModeService modes;
    @Inject
    ModeRepository repository;
    @Inject
    ModeConfig config;
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    @AfterEach
    void writable() {
        modes.switchTo(false, null, null, "test");
        clock.reset();
    }

    /** One write request of each kind the service offers, with content it would otherwise apply. */
    private record Write(String what, RequestSpecification request, String method, String path) {
        ValidatableResponse send() {
            return request.when().request(method, path).then().log().ifValidationFails();
        }
    }

    @Test
    void shouldRefuseEveryWriteWith503AndApplyNothingWhileLookupsAndViewsGoOn() {
        Instant day = timeline.freshDay();
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 6);
        LocalDate born = LocalDate.ofInstant(day, ZoneOffset.UTC).minusYears(6);
        events.record(day.plus(Duration.ofHours(1)), child, "anna", Tokens.HOSPITAL);
        clock.set(day.plus(Duration.ofHours(3)));
        String asn = Batches.run(day.plus(Duration.ofHours(2))).getString("id");
        String notification = Batches.feed(Tokens.laUpload(la), "").getString("entry[0].resource.id");
        String officer = Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId());
        long staffRestriction = given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("nhsNumber", child, "userId", Staff.atHospital(), "reason", "Neighbour"))
                .when().post("/api/restrictions").then().statusCode(201).extract().jsonPath().getLong("id");
        String laOfficer = Tokens.token("la-privacy-officer", la, "po1");
        String laRestriction = given().auth().oauth2(laOfficer).contentType("application/json")
                .body("{\"nhsNumber\":\"" + child + "\",\"kind\":\"only-named-users\",\"users\":[\"sw-a\"],"
                        + "\"reason\":\"Staff member's relative\",\"authorisedBy\":{\"name\":\"Jo Hart\","
                        + "\"jobRole\":\"Head of Service\"}}")
                .when().post("/api/la-restrictions").then().statusCode(201).extract().jsonPath().getString("id");
        String newChild = TestPatients.newNhsNumber();
        Plans.Builder newPlan = Plans.plan(child, "Taylor", born, Plans.LAC).la(la).start(born.plusYears(5).toString());

        Instant until = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"mode\":\"read-only\",\"reason\":\"" + REASON + "\",\"until\":\"" + until + "\"}")
                .when().put("/api/admin/mode").then().statusCode(200).body("mode", equalTo("read-only"))
                .body("reason", equalTo(REASON)).body("until", equalTo(until.toString()))
                .body("changedBy", equalTo("ADMIN01"));
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId())).when().get("/api/admin/mode")
                .then().statusCode(403);
        String before = snapshot();

        List<Write> writes = List.of(
                new Write("batch upload", upload(la).body(Plans.batch(null, Plans.putEntry(newPlan))), "POST", "/fhir"),
                new Write("queued upload", upload(la).header("Prefer", "respond-async").body(Plans.batch(null,
                        Plans.putEntry(newPlan))), "POST", "/fhir"),
                new Write("single plan PUT", upload(la).body(newPlan.json()), "PUT", "/fhir/" + newPlan.url()),
                new Write("single plan DELETE", given().auth().oauth2(Tokens.laUpload(la)), "DELETE",
                        "/fhir/" + Plans.url(child, Plans.CPP)),
                new Write("register load", given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                        .body((TestPatients.patientJson(newChild, "Evans", "Lucy", born).replace("\n", "") + "\n")
                                .getBytes(StandardCharsets.UTF_8)), "POST", "/api/admin/patients"),
                new Write("register PUT", given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json")
                        .body(TestPatients.patientJson(child, "Renamed", "Johnny", born)), "PUT", "/fhir/Patient/" + child),
                new Write("staff restriction", given().auth().oauth2(officer).contentType("application/json")
                        .body(Map.of("nhsNumber", child, "userId", Tokens.newUserId(), "reason", "Relative")),
                        "POST", "/api/restrictions"),
                new Write("staff restriction removal", given().auth().oauth2(officer), "DELETE",
                        "/api/restrictions/" + staffRestriction),
                new Write("LA restriction", given().auth().oauth2(laOfficer).contentType("application/json")
                        .body("{\"nhsNumber\":\"" + child + "\",\"kind\":\"only-named-users\",\"users\":[\"sw-b\"],"
                                + "\"reason\":\"Another\"}"), "POST", "/api/la-restrictions"),
                new Write("LA restriction lift", given().auth().oauth2(laOfficer), "DELETE",
                        "/api/la-restrictions/" + laRestriction),
                new Write("LA restriction review", given().auth().oauth2(laOfficer).contentType("application/json")
                        .body("{\"outcome\":\"keep\",\"note\":\"Still needed\"}"), "POST",
                        "/api/la-restrictions/" + laRestriction + "/reviews"),
                new Write("acknowledgement", given().auth().oauth2(Tokens.laUpload(la))
                        .contentType("application/fhir+json").body("{\"resourceType\":\"Parameters\",\"parameter\":"
                                + "[{\"name\":\"communication\",\"valueReference\":{\"reference\":\"Communication/"
                                + notification + "\"}}]}"), "POST", "/fhir/Communication/$acknowledge"),
                new Write("batch run", given().auth().oauth2(Tokens.admin()).contentType("application/json")
                        .body("{\"cutoff\":\"" + day.plus(Duration.ofHours(2)) + "\"}"), "POST", "/api/batch-runs"));

        for (Write write : writes) {
            ValidatableResponse refused = write.send().statusCode(503)
                    .header("Retry-After", String.valueOf(Duration.between(clock.instant(), until).toSeconds()));
            if (write.path().startsWith("/fhir")) {
                refused.body("resourceType", equalTo("OperationOutcome"))
                        .body("issue[0].details.coding[0].code", equalTo("READ_ONLY_MODE"))
                        .body("issue[0].diagnostics", containsString("read-only"))
                        .body("issue[0].diagnostics", containsString(REASON));
            } else {
                refused.contentType("application/problem+json").body("code", equalTo("READ_ONLY_MODE"))
                        .body("detail", containsString(REASON));
            }
        }
        assertEquals(before, snapshot(), "nothing of a refused write is applied");

        int views = Lookups.viewCount(child);
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), child).statusCode(200).body("total", equalTo(1));
        Lookups.details(Tokens.clinician(Tokens.newUserId()), child).statusCode(200).body("total", equalTo(1));
        assertEquals(views + 1, Lookups.viewCount(child), "the view is recorded while read-only");
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId())).queryParam("identifier",
                Lookups.patient(child)).when().get("/fhir/Patient").then().statusCode(200).body("total", equalTo(1));
        Batches.feed(Tokens.laUpload(la), "");
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs/" + asn).then().statusCode(200);

        ServiceModes.readWrite();
        given().auth().oauth2(Tokens.admin()).when().get("/api/admin/mode").then().statusCode(200)
                .body("mode", equalTo("read-write")).body("reason", nullValue()).body("until", nullValue());
        writes.get(0).send().statusCode(200).body("entry[0].response.status", equalTo("201 Created"));
        writes.get(7).send().statusCode(204);
        // The batch runs again, and takes up the view made while read-only (no later test's run meets it).
        clock.set(day.plus(Duration.ofHours(5)));
        Batches.run(day.plus(Duration.ofHours(4)));
        assertEquals(2, Batches.feed(Tokens.laUpload(la), "category=asn").getInt("total"), "anna's view, then this one");
    }

    @Test
    void shouldSayRetryAfterTheConfiguredDefaultWhenTheModeGivesNoEnd() {
        ServiceModes.readOnly(REASON);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null)).when().post("/fhir").then().statusCode(503)
                .header("Retry-After", String.valueOf(config.retryAfter().toSeconds()));
    }

    @Test
    void shouldHoldTheModeInTheDatabaseSoThatAnInstanceStartingOrRefreshingFollowsIt() {
        ServiceModes.readOnly(REASON);
        ServiceMode stored = repository.read();
        assertTrue(stored.readOnly());
        assertEquals(REASON, stored.reason());

        // A restarted instance (or another replica) starts with nothing but the database.
        ModeService restarted = new ModeService();
        restarted.repository = repository;
        restarted.config = config;
        restarted.clock = clock;
        restarted.resumed = modes.resumed;
        restarted.onStart(null);
        assertTrue(restarted.readOnly());
        assertEquals(REASON, restarted.current().reason());

        // Another replica switched back: this one follows at its next refresh.
        repository.write(new ServiceMode(false, null, null, clock.instant(), "other-replica"));
        modes.refresh();
        assertFalse(modes.readOnly());
        given().auth().oauth2(Tokens.admin()).when().get("/api/admin/mode").then().statusCode(200)
                .body("mode", equalTo("read-write")).body("changedBy", equalTo("other-replica"));
    }

    @Test
    void shouldRefuseABadSwitch() {
        for (String body : new String[] { "{\"mode\":\"sideways\"}", "{\"mode\":\"read-only\"}",
                "{\"mode\":\"read-only\",\"reason\":\" \"}", "{}",
                "{\"mode\":\"read-only\",\"reason\":\"r\",\"until\":\"tomorrow\"}",
                "{\"mode\":\"read-only\",\"reason\":\"r\",\"until\":1893456000}",
                "{\"mode\":\"read-only\",\"reason\":\"r\",\"until\":\"2001-01-01T00:00:00Z\"}",
                "{\"mode\":\"read-only\",\"reason\":\"r\",\"extra\":1}" }) {
            given().auth().oauth2(Tokens.admin()).contentType("application/json").body(body)
                    .when().put("/api/admin/mode").then().log().ifValidationFails().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.laUpload()).contentType("application/json")
                .body("{\"mode\":\"read-only\",\"reason\":\"r\"}").when().put("/api/admin/mode")
                .then().statusCode(403);
        assertFalse(repository.read().readOnly(), "no refused switch was applied");
    }

    private static RequestSpecification upload(String la) {
        return given().auth().oauth2(Tokens.laUpload(la)).contentType("application/fhir+json");
    }

    /** Every row of every written table, as text: equal snapshots mean nothing was written. */
    private String snapshot() {
        List<String> rows = new ArrayList<>();
        for (String table : WRITTEN) {
            rows.add(table + ":");
            database.forEachRow("select * from " + table + " order by 1", Database.NO_PARAMETERS, row -> {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    line.append(row.getString(i)).append('|');
                }
                rows.add(line.toString());
            });
        }
        return String.join("\n", rows);
    }
}
