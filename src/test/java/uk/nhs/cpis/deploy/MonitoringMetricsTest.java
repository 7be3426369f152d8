package uk.nhs.cpis.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.batch.NightlyBatch;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Metrics;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.ServiceModes;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The metrics operators watch appear in /q/metrics with their tags after real requests, and identify no one. */
@QuarkusTest
class MonitoringMetricsTest {
    /** On the management interface, as Prometheus scrapes it. */
    @TestHTTPResource(value = "metrics", management = true) // the management URL ends in /q
    URL metrics;

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;
    @Inject
    NightlyBatch nightly;
    @Inject
    ModeService modes;

    @AfterEach
    void reset() {
        modes.switchTo(false, null, null, "test");
        clock.reset();
    }

    @Test
    void shouldCountLookupsByKindAndOutcomeWithLatencyBucketsAndTheirAccessEvents() {
        LocalDate born = LocalDate.of(2020, 2, 2);
        String child = Lookups.childWithPlan(born, "2025-01-06");
        String viewer = Tokens.newUserId();
        String restricted = Staff.atHospital();
        given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId())).contentType("application/json")
                .body(Map.of("nhsNumber", child, "userId", restricted, "reason", "Neighbour"))
                .when().post("/api/restrictions").then().statusCode(201);
        Metrics before = Metrics.scrape(metrics);

        Lookups.presence(Tokens.clinician(viewer), child).statusCode(200);
        Lookups.details(Tokens.clinician(viewer), child).statusCode(200);
        Lookups.previousViews(Tokens.clinician(viewer), child).statusCode(200);
        Lookups.details(Tokens.clinician(restricted), child).statusCode(403);
        Lookups.presence(Tokens.clinician(viewer), "1234567890").statusCode(422);
        given().auth().oauth2(Tokens.clinician(viewer)).queryParam("identifier", Lookups.patient(child))
                .when().get("/fhir/Patient").then().statusCode(200);

        Metrics after = Metrics.scrape(metrics);
        String lookups = "cpis_lookup_requests_seconds_count";
        assertEquals(1, delta(before, after, lookups, "kind", "flag", "outcome", "answered"));
        assertEquals(1, delta(before, after, lookups, "kind", "careteam", "outcome", "answered"));
        assertEquals(1, delta(before, after, lookups, "kind", "auditevent", "outcome", "answered"));
        assertEquals(1, delta(before, after, lookups, "kind", "careteam", "outcome", "restricted"));
        assertEquals(1, delta(before, after, lookups, "kind", "flag", "outcome", "refused"));
        assertEquals(1, delta(before, after, lookups, "kind", "patient-search", "outcome", "answered"));
        assertTrue(after.value("cpis_lookup_requests_seconds_bucket", "kind", "flag", "outcome", "answered",
                "le", "+Inf") >= 1, "a histogram, for the p99 alert");
        assertEquals(1, delta(before, after, "cpis_access_events_queued_total"), "the one B0107 view");
        assertEquals(1, delta(before, after, "cpis_access_events_committed_total"));
        assertEquals(0, delta(before, after, "cpis_access_events_commit_failures_total"));
        assertEquals(10000, after.value("cpis_audit_queue_capacity"));
        assertTrue(after.text().contains("cpis_audit_queue_depth "));
        assertNoOneIn(after, child, viewer, restricted, "Taylor", born.toString());
    }

    @Test
    void shouldCountUploadEntriesByOutcome() {
        LocalDate born = LocalDate.of(2019, 4, 4);
        String good = TestPatients.register("Taylor", "Johnny", born);
        String bad = TestPatients.register("Evans", "Lucy", born);
        Metrics before = Metrics.scrape(metrics);

        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(Plans.plan(good, "Taylor", born, Plans.CPP)),
                        Plans.putEntry(Plans.plan(bad, "Evans", born, Plans.CPP).emergency("0".repeat(41)))))
                .when().post("/fhir").then().statusCode(200);
        given().auth().oauth2(Tokens.laUpload()).when().delete("/fhir/" + Plans.url(good, Plans.CPP))
                .then().statusCode(204);

        Metrics after = Metrics.scrape(metrics);
        assertEquals(1, delta(before, after, "cpis_upload_entries_total", "outcome", "created"));
        assertEquals(1, delta(before, after, "cpis_upload_entries_total", "outcome", "refused"));
        assertEquals(1, delta(before, after, "cpis_upload_entries_total", "outcome", "withdrawn"));
        assertNoOneIn(after, good, bad, "Evans", Tokens.LA + "-SYSTEM");
    }

    @Test
    void shouldCountBatchRunsWithTheirWorkAndSayWhenTheLastOneCompletedAndWhetherReadOnly() {
        Instant day = timeline.freshDay();
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 6);
        events.record(day.plus(Duration.ofHours(1)), child, "anna", Tokens.HOSPITAL);
        clock.set(day.plus(Duration.ofHours(3)));
        Metrics before = Metrics.scrape(metrics);

        JsonPath run = Batches.run(day.plus(Duration.ofHours(2)));
        ServiceModes.readOnly("Maintenance");
        Metrics readOnly = Metrics.scrape(metrics);
        nightly.run();
        ServiceModes.readWrite();

        Metrics after = Metrics.scrape(metrics);
        assertEquals(1, delta(before, after, "cpis_batch_runs_total", "outcome", "completed"));
        assertEquals(1, delta(before, after, "cpis_batch_runs_total", "outcome", "skipped"));
        assertEquals(0, delta(before, after, "cpis_batch_runs_total", "outcome", "failed"));
        assertEquals(1, delta(before, after, "cpis_batch_run_duration_seconds_count", "outcome", "completed"));
        assertEquals(run.getLong("eventsRead"), delta(before, after, "cpis_batch_events_read_total"));
        assertEquals(run.getLong("notificationsCreated"), delta(before, after, "cpis_batch_notifications_created_total"));
        assertTrue(run.getLong("notificationsCreated") >= 1);
        assertTrue(after.value("cpis_batch_last_completed_seconds")
                >= Instant.parse(run.getString("finishedAt")).getEpochSecond());
        assertEquals(1, readOnly.value("cpis_read_only_mode"));
        assertEquals(0, after.value("cpis_read_only_mode"));
        assertNoOneIn(after, child, la);
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** No NHS number, name, birth date, user id or LA code of these requests in any metric or tag. */
    private static void assertNoOneIn(Metrics scraped, String... identifying) {
        for (String value : List.of(identifying)) {
            assertFalse(scraped.text().contains(value), "/q/metrics must not hold " + value);
        }
    }
}
