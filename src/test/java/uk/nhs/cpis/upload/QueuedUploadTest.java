package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.QueuedUploads;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** A queued upload (Prefer: respond-async) always reaches a final answer at its status URL: never 202 for ever. */
@QuarkusTest
class QueuedUploadTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    // The test profile answers at most 5 entries at once: 6 are queued.
    private static final int QUEUED_SIZE = 6;

    @Test
    void shouldCompleteAQueuedUploadWithABadEntryAndRefuseThatEntryOnly() {
        List<String> entries = goodEntries(QUEUED_SIZE - 1);
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        entries.add(Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP).emergency("0".repeat(41))));
        QueuedUploads.awaitFinalAnswer(queue(Plans.batch(null, entries.toArray(String[]::new))))
                .then().statusCode(200).body("type", equalTo("batch-response")).body("entry", hasSize(QUEUED_SIZE))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[5].response.status", equalTo("422 Unprocessable Entity"))
                .body("entry[5].response.outcome.issue[0].expression[0]",
                        equalTo("Bundle.entry[5].resource.telecom[0].value"));
    }

    @Test
    void shouldMarkAQueuedUploadFailedWhenItCannotBeAppliedAndSaySoAtItsStatusUrl() {
        QuarkusMock.installMockForType(new FailingWriter(), PlanWriter.class);
        String bundle = Plans.batch("failing-" + UUID.randomUUID(), goodEntries(QUEUED_SIZE).toArray(String[]::new));
        String status = queue(bundle);
        QueuedUploads.awaitFinalAnswer(status).then().statusCode(500).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("UPLOAD_FAILED"))
                .body("issue[0].diagnostics", containsString("nothing"))
                .body("issue[0].diagnostics", containsString("new Bundle.identifier"));
        // The same Bundle sent again gets the same final answer, not a 202.
        given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async").contentType("application/fhir+json")
                .body(bundle).when().post("/fhir")
                .then().statusCode(500).body("issue[0].details.coding[0].code", equalTo("UPLOAD_FAILED"));
    }

    @Test
    void shouldTryAQueuedUploadAgainAfterAPassingFailureAndApplyItOnce() {
        PlanWriter real = ClientProxy.unwrap(Arc.container().instance(PlanWriter.class).get());
        FlakyWriter flaky = new FlakyWriter(real);
        QuarkusMock.installMockForType(flaky, PlanWriter.class);
        List<String> entries = goodEntries(QUEUED_SIZE);
        QueuedUploads.awaitFinalAnswer(queue(Plans.batch("flaky-" + UUID.randomUUID(), entries.toArray(String[]::new))))
                .then().statusCode(200).body("entry.response.status", everyItem(equalTo("201 Created")));
        assertEquals(2, flaky.calls.get(), "one deadlock, then applied once");
    }

    /** A deadlock the first time (a passing failure), then the real writer. */
    static class FlakyWriter extends PlanWriter {
        private final PlanWriter real;
        final AtomicInteger calls = new AtomicInteger();

        FlakyWriter(PlanWriter real) {
            this.real = real;
        }

        @Override
        List<EntryResult> apply(Uploader la, List<PlanCommand> commands, List<EntryResult> results, LocalDate today,
                Instant now) {
            if (calls.incrementAndGet() == 1) {
                throw new Jdbc.DatabaseException("40P01", "forced by the test");
            }
            return real.apply(la, commands, results, today, now);
        }
    }

    /** Stands in for any unexpected failure while a queued upload is applied. */
    static class FailingWriter extends PlanWriter {
        @Override
        List<EntryResult> apply(Uploader la, List<PlanCommand> commands, List<EntryResult> results, LocalDate today,
                Instant now) {
            throw new IllegalStateException("forced by the test");
        }
    }

    private static List<String> goodEntries(int count) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nhs = TestPatients.register("Taylor", "Johnny", BORN);
            entries.add(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)));
        }
        return entries;
    }

    private static String queue(String bundle) {
        return given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async")
                .contentType("application/fhir+json").body(bundle).when().post("/fhir")
                .then().statusCode(202).extract().header("Content-Location");
    }
}
