package uk.nhs.cpis.batch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.ServiceModes;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The scheduled batch skips while read-only, says so in its run list, and the next run catches up once. */
@QuarkusTest
class ReadOnlyBatchTest {
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
    void shouldSkipTheScheduledRunWhileReadOnlyAndCatchUpExactlyOnceAfter() {
        Instant day = timeline.freshDay();
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 5);
        events.record(day.plus(Duration.ofHours(1)), child, "anna", Tokens.HOSPITAL);
        events.record(day.plus(Duration.ofHours(2)), child, "ben", Tokens.HOSPITAL);
        clock.set(day.plus(Duration.ofHours(4)));
        ServiceModes.readOnly("Database upgrade");

        nightly.run();

        JsonPath skipped = runs().setRootPath("find { it.startedAt == '" + clock.instant() + "' }");
        assertEquals("skipped", skipped.getString("status"));
        assertEquals("scheduled", skipped.getString("trigger"));
        assertEquals(0, skipped.getLong("eventsRead"));
        assertTrue(skipped.getString("failure").contains("read-only"));
        assertEquals(0, Batches.feed(la, "sw1", "category=asn").getInt("total"), "nothing notified while read-only");

        ServiceModes.readWrite();
        clock.set(day.plus(Duration.ofHours(5)));
        nightly.run();
        clock.set(day.plus(Duration.ofHours(6)));
        nightly.run();

        JsonPath latest = runs();
        assertEquals("completed", latest.getString("[1].status"));
        // Other tests' views may wait behind the watermark too: this LA's feed is what this test owns.
        assertTrue(latest.getLong("[1].eventsRead") >= 2, "the skipped night's events, taken up");
        assertEquals(2, Batches.feed(la, "sw1", "category=asn").getInt("total"));
        assertEquals("completed", latest.getString("[0].status"));
        assertEquals(0, latest.getLong("[0].eventsRead"), "and only once");
        assertEquals(2, Batches.feed(la, "sw1", "category=asn").getInt("total"));
    }

    private static JsonPath runs() {
        return given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs").then().statusCode(200)
                .extract().jsonPath();
    }
}
