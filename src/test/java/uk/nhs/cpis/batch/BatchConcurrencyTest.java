package uk.nhs.cpis.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.BatchFaults;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.DatabaseKind;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * Two instances on one PostgreSQL database. Each "instance" here is a caller with its own database
 * connection: concurrent threads calling the service (each takes the lock on its own pooled
 * connection), and a connection opened outside this application, as another instance's would be.
 */
@QuarkusTest
class BatchConcurrencyTest {
    private static final int INSTANCES = 4;

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;
    @Inject
    BatchFaults faults;
    @Inject
    BatchService batches;
    @Inject
    Database database;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    Instant day;
    String child;

    @BeforeEach
    void onPostgreSqlOnly() {
        assumeTrue(DatabaseKind.postgresql(), "two instances need a shared PostgreSQL");
        day = timeline.freshDay();
        child = Batches.childWithPlan(Batches.freshLa(), day, 5);
        for (int i = 1; i <= 10; i++) {
            events.record(day.plus(Duration.ofHours(i)), child, "user" + (i % 7), Tokens.HOSPITAL);
        }
        clock.set(day.plus(Duration.ofDays(2)));
    }

    @AfterEach
    void reset() {
        if (day != null) {
            faults.reset();
            clock.reset();
        }
    }

    @Test
    void shouldLetOnlyOneOfRunsStartedAtTheSameMomentWork() throws Exception {
        faults.holdAtChunk(1);
        List<Object> outcomes = startTogether();
        assertTrue(faults.awaitHeld());
        long started = outcomes.stream().filter(BatchService.Started.class::isInstance).count();
        long refused = outcomes.stream().filter(o -> o == ErrorCode.BATCH_ALREADY_RUNNING).count();
        assertEquals(1, started, outcomes.toString());
        assertEquals(INSTANCES - 1, refused, outcomes.toString());

        faults.release();
        BatchService.Started winner = (BatchService.Started) outcomes.stream()
                .filter(BatchService.Started.class::isInstance).findFirst().orElseThrow();
        BatchRun run = winner.finished().get(60, TimeUnit.SECONDS);
        assertEquals(BatchRun.Status.COMPLETED, run.status());
        assertEquals(7, run.counts().notificationsCreated(), "7 users, one ASN each");
        assertNoDuplicates(7);
    }

    @Test
    void shouldMakeNoDuplicatesWhenRunsRaceRepeatedly() throws Exception {
        for (int round = 0; round < 5; round++) {
            for (Object outcome : startTogether()) {
                if (outcome instanceof BatchService.Started started) {
                    assertEquals(BatchRun.Status.COMPLETED, started.finished().get(60, TimeUnit.SECONDS).status());
                }
            }
        }
        assertNoDuplicates(7);
    }

    @Test
    void shouldRefuseARunWhileAnotherInstanceHoldsTheLock() throws Exception {
        try (Connection otherInstance = DriverManager.getConnection(jdbcUrl, username, "")) {
            otherInstance.setAutoCommit(false);
            try (Statement statement = otherInstance.createStatement();
                    ResultSet row = statement.executeQuery("select name from batch_lock for update nowait")) {
                assertTrue(row.next());
            }
            given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                    .when().post("/api/batch-runs")
                    .then().statusCode(409).body("code", equalTo("BATCH_ALREADY_RUNNING"));
            otherInstance.rollback();
        }
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .when().post("/api/batch-runs").then().statusCode(201).body("status", equalTo("completed"));
        assertNoDuplicates(7);
    }

    /** Starts a run from every "instance" at once; answers each one's Started or refusal code. */
    private List<Object> startTogether() throws Exception {
        CyclicBarrier together = new CyclicBarrier(INSTANCES);
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                Callable<Object> call = () -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        return batches.start(Optional.of(day.plus(Duration.ofDays(1))), BatchRun.Trigger.ON_DEMAND);
                    } catch (CpisException e) {
                        return e.code();
                    }
                };
                calls.add(instances.submit(call));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> call : calls) {
                outcomes.add(call.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            instances.shutdownNow();
        }
    }

    private void assertNoDuplicates(long expected) {
        assertEquals(expected, (long) database.queryFirst("select count(*) from notification where nhs_number = ?",
                statement -> statement.setString(1, child), row -> row.getLong(1)).orElseThrow());
        assertEquals(0L, (long) database.queryFirst("select count(*) from (select access_event_id, la_code from "
                + "notification where nhs_number = ? group by access_event_id, la_code having count(*) > 1) d",
                statement -> statement.setString(1, child), row -> row.getLong(1)).orElseThrow());
    }
}
