package uk.nhs.cpis.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * The bound the ASN batch relies on: an access event is committed within the commit timeout (5 s in
 * tests too) of its access time, or never, so the batch's settle time can cover every late commit.
 */
@QuarkusTest
class AuditWriterTest {
    private static final String USER = "writer-test";

    @Inject
    AuditWriter writer;
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    Database database;

    /** The batch tests count the events they read: this test's views must not reach them. */
    @AfterEach
    void removeViewsAndResetClock() {
        database.update("delete from access_event where user_id = ?", statement -> statement.setString(1, USER));
        clock.reset();
    }

    @Test
    void shouldCommitAnAccessEventTakenWithinTheCommitTimeout() {
        Instant now = timeline.freshDay();
        clock.set(now);

        writer.record(entry(now), view("9434765919", now.minusSeconds(5)));

        assertEquals(1, stored("9434765919", now.minusSeconds(5)));
    }

    @Test
    void shouldRefuseRatherThanStoreAnAccessEventOlderThanTheCommitTimeout() {
        Instant now = timeline.freshDay();
        clock.set(now);
        Instant tooOld = now.minusSeconds(5).minusMillis(1);

        CpisException refused = assertThrows(CpisException.class,
                () -> writer.record(entry(now), view("9434765919", tooOld)));

        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.code());
        assertEquals(0, stored("9434765919", tooOld));
    }

    @Test
    void shouldBoundTheCommitWellWithinTheBatchSettleTime() {
        assertEquals(Duration.ofSeconds(10), writer.latestCommitAfterAccess());
    }

    private static SecurityAuditEntry entry(Instant at) {
        return new SecurityAuditEntry(at, SecurityAuditEntry.Action.DETAILS, SecurityAuditEntry.Outcome.ANSWERED,
                USER, "cpis-view", Tokens.HOSPITAL, "9434765919", 1, null, null);
    }

    private static AccessEvent view(String nhsNumber, Instant at) {
        return new AccessEvent(null, at, nhsNumber, USER, "Writer Test", "ED Consultant", Tokens.HOSPITAL,
                "Test Hospital");
    }

    private long stored(String nhsNumber, Instant at) {
        List<Long> count = database.query("select count(*) from access_event where nhs_number = ? and accessed_at = ?",
                statement -> {
                    statement.setString(1, nhsNumber);
                    statement.setTimestamp(2, java.sql.Timestamp.from(at));
                }, row -> row.getLong(1));
        return count.get(0);
    }
}
