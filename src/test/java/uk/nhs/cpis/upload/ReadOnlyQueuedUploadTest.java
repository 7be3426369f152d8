package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.QueuedUploads;
import uk.nhs.cpis.support.ServiceModes;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** Queued uploads are held, never failed, while writes are refused, and applied once afterwards. */
@QuarkusTest
class ReadOnlyQueuedUploadTest {
    private static final LocalDate BORN = LocalDate.of(2018, 3, 2);
    // The test profile answers at most 5 entries at once: 6 are queued.
    private static final int QUEUED_SIZE = 6;

    @Inject
    UploadService uploads;
    @Inject
    AcknowledgementRepository acknowledgements;
    @Inject
    ModeService modes;

    @AfterEach
    void writable() {
        modes.switchTo(false, null, null, "test");
    }

    @Test
    void shouldHoldAQueuedUploadWhileReadOnlyAndApplyItWhenTheModeEnds() {
        String bundle = Plans.batch(null, entries().toArray(String[]::new));
        ServiceModes.readOnly("Planned maintenance");
        // An upload queued before the switch, found by an instance starting while the service is read-only.
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> acknowledgements.insert(new Acknowledgement(id, Tokens.LA,
                Tokens.LA + " Organisation", null, null, Acknowledgement.Status.QUEUED, QUEUED_SIZE, bundle, null),
                Instant.now()));
        uploads.resumeQueued((io.quarkus.runtime.StartupEvent) null);

        given().auth().oauth2(Tokens.laUpload()).when().get("/fhir/Bundle/" + id).then().statusCode(202);
        assertEquals(Acknowledgement.Status.QUEUED, acknowledgements.find(id).orElseThrow().status());

        ServiceModes.readWrite();
        QueuedUploads.awaitFinalAnswer("/fhir/Bundle/" + id).then().statusCode(200)
                .body("entry.response.status", everyItem(equalTo("201 Created")));
    }

    @Test
    void shouldKeepAQueuedUploadTheDatabaseRefusedAsReadOnlyAndApplyItOnceLater() {
        PlanWriter real = ClientProxy.unwrap(Arc.container().instance(PlanWriter.class).get());
        ReadOnlyOnceWriter writer = new ReadOnlyOnceWriter(real);
        QuarkusMock.installMockForType(writer, PlanWriter.class);
        String status = given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async")
                .contentType("application/fhir+json").body(Plans.batch(null, entries().toArray(String[]::new)))
                .when().post("/fhir").then().statusCode(202).extract().header("Content-Location");

        QueuedUploads.awaitFinalAnswer(status).then().statusCode(200)
                .body("entry.response.status", everyItem(equalTo("201 Created")));
        assertEquals(2, writer.calls.get(), "refused once by a read-only database, then applied once");
    }

    /** The database refuses the first write as read-only (a standby), then the real writer. */
    static class ReadOnlyOnceWriter extends PlanWriter {
        private final PlanWriter real;
        final AtomicInteger calls = new AtomicInteger();

        ReadOnlyOnceWriter(PlanWriter real) {
            this.real = real;
        }

        @Override
        List<EntryResult> apply(Uploader la, List<PlanCommand> commands, List<EntryResult> results, LocalDate today,
                Instant now) {
            if (calls.incrementAndGet() == 1) {
                throw new Jdbc.DatabaseException("25006", "forced by the test");
            }
            return real.apply(la, commands, results, today, now);
        }
    }

    private static List<String> entries() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < QUEUED_SIZE; i++) {
            String nhs = TestPatients.register("Taylor", "Johnny", BORN);
            entries.add(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)));
        }
        return entries;
    }
}
