package uk.nhs.cpis.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.BatchFaults;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** A run that fails part way (test chunk size 4) is finished by the next run: nothing lost, nothing twice. */
@QuarkusTest
class BatchCrashTest {
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;
    @Inject
    BatchFaults faults;
    @Inject
    Database database;
    @Inject
    BatchService batches;

    Instant day;
    String la;
    String child;

    @BeforeEach
    void tenAccesses() {
        day = timeline.freshDay();
        la = Batches.freshLa();
        child = Batches.childWithPlan(la, day, 7);
        // Events are read by key (patient, user, organisation), then time. Chunk 1: u1's first view and three
        // repeats within 24 h. Chunk 2: u1's fifth view (within 24 h of the first, across the chunk boundary),
        // u1's view 29 h after the first, u2's and u3's first views. Chunk 3: u4's and u5's first views.
        String[] users = { "u1", "u1", "u1", "u1", "u1", "u2", "u3", "u4", "u5", "u1" };
        int[] hours = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 30 };
        for (int i = 0; i < users.length; i++) {
            events.record(at(hours[i]), child, users[i], Tokens.HOSPITAL);
        }
        clock.set(at(48));
    }

    @AfterEach
    void reset() {
        faults.reset();
        clock.reset();
    }

    @Test
    void shouldFinishTheWorkOfARunThatFailedAfterItsFirstChunkCommitted() {
        faults.failAtChunk(2);
        JsonPath failed = Batches.run(at(47));

        assertEquals("failed", failed.getString("status"));
        assertTrue(failed.getString("failure").startsWith("IllegalStateException"), failed.getString("failure"));
        assertEquals(4, failed.getLong("eventsRead"), "chunk 1 committed, chunk 2 rolled back");
        assertEquals(1, failed.getLong("notificationsCreated"));
        assertEquals(3, failed.getLong("suppressed"));
        assertEquals(1, asnCount());

        JsonPath next = Batches.run(at(47));

        assertEquals("completed", next.getString("status"));
        assertEquals(6, next.getLong("eventsRead"));
        assertEquals(1, next.getLong("suppressed"), "u1 at 5 h: the anchor committed with chunk 1 still counts");
        assertEquals(5, next.getLong("notificationsCreated"));
        assertEquals(6, asnCount());
        assertEquals(0, duplicates());
    }

    @Test
    void shouldFinishTheRangeARunLeftUpToItsCutoffThenReadOnToTheNextRunsCutoff() {
        faults.failAtChunk(2);
        JsonPath failed = Batches.run(at(20));
        assertEquals("failed", failed.getString("status"));
        assertEquals(4, failed.getLong("eventsRead"), "u1 at 1-4 h committed; u1 at 30 h is after this cut-off");

        JsonPath next = Batches.run(at(47));

        assertEquals("completed", next.getString("status"));
        assertEquals(6, next.getLong("eventsRead"), "the rest up to 20 h (u1 at 5 h, u2-u5), then u1 at 30 h");
        assertEquals(1, next.getLong("suppressed"));
        assertEquals(5, next.getLong("notificationsCreated"));
        assertEquals(6, asnCount());
        assertEquals(0, duplicates());
    }

    @Test
    void shouldRedoEverythingWhenTheFirstChunkFailed() {
        faults.failAtChunk(1);
        JsonPath failed = Batches.run(at(47));
        assertEquals("failed", failed.getString("status"));
        assertEquals(0, failed.getLong("eventsRead"));
        assertEquals(0, asnCount());

        JsonPath next = Batches.run(at(47));
        assertEquals(10, next.getLong("eventsRead"));
        assertEquals(6, next.getLong("notificationsCreated"));
        assertEquals(6, asnCount());
        assertEquals(0, duplicates());
    }

    @Test
    void shouldMarkARunLeftRunningByADeadInstanceAsFailedWhenTheNextRunStarts() {
        String dead = runLeftRunningByADeadInstance();

        assertEquals(6, Batches.run(at(47)).getLong("notificationsCreated"));

        assertInterrupted(dead);
    }

    @Test
    void shouldMarkARunLeftRunningByADeadInstanceAsFailedWhenAnInstanceStarts() {
        String dead = runLeftRunningByADeadInstance();

        batches.failInterruptedRuns();

        assertInterrupted(dead);
    }

    @Test
    void shouldLeaveARunningRunAloneWhenAnInstanceStarts() throws Exception {
        faults.holdAtChunk(1);
        CompletableFuture<JsonPath> running = CompletableFuture.supplyAsync(() -> Batches.run(at(47)));
        assertTrue(faults.awaitHeld(), "the run reached its first chunk");

        batches.failInterruptedRuns();

        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs")
                .then().statusCode(200).body("[0].status", equalTo("running"));
        faults.release();
        assertEquals("completed", running.get().getString("status"));
    }

    private String runLeftRunningByADeadInstance() {
        String dead = UUID.randomUUID().toString();
        database.update("insert into batch_run (id, run_trigger, status, cutoff, events_read, notifications_created, "
                + "suppressed, events_without_plan, plans_purged, access_events_purged, notifications_purged, "
                + "started_at) values (?, 'SCHEDULED', 'RUNNING', ?, 0, 0, 0, 0, 0, 0, 0, ?)", statement -> {
                    statement.setString(1, dead);
                    statement.setTimestamp(2, Timestamp.from(at(0)));
                    statement.setTimestamp(3, Timestamp.from(at(0)));
                });
        return dead;
    }

    private static void assertInterrupted(String runId) {
        given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs/" + runId)
                .then().statusCode(200).body("status", equalTo("failed")).body("failure", equalTo("interrupted"));
    }

    @Test
    void shouldRefuseASecondAsnForTheSameAccessAndLaInTheDatabaseItself() {
        Batches.run(at(47));
        String copy = "insert into notification (id, la_code, category, access_event_id, nhs_number, created_at) "
                + "select ?, la_code, category, access_event_id, nhs_number, created_at from notification "
                + "where nhs_number = ? and category = 'asn' fetch first 1 rows only";
        RuntimeException refused = assertThrows(RuntimeException.class, () -> database.update(copy, statement -> {
            statement.setString(1, UUID.randomUUID().toString());
            statement.setString(2, child);
        }));
        assertTrue(Jdbc.isUniqueViolation(refused));
    }

    private long asnCount() {
        return database.queryFirst("select count(*) from notification where nhs_number = ? and category = 'asn'",
                statement -> statement.setString(1, child), row -> row.getLong(1)).orElseThrow();
    }

    private long duplicates() {
        return database.queryFirst("select count(*) from (select access_event_id, la_code from notification "
                + "where nhs_number = ? group by access_event_id, la_code having count(*) > 1) d",
                statement -> statement.setString(1, child), row -> row.getLong(1)).orElseThrow();
    }

    private Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }
}
