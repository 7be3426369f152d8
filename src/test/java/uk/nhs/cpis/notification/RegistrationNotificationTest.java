package uk.nhs.cpis.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/**
 * Birth and inactive-NHS-number notifications, made when the demographics register is loaded, and a birth
 * notification also when an unborn plan is uploaded for a mother whose newborn is already registered, or
 * by the next batch run when both arrived at once.
 */
@QuarkusTest
class RegistrationNotificationTest {
    private static final String SD = "https://cpis.local/fhir/StructureDefinition/notification-";

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    PatientRepository patients;
    @Inject
    FhirContext fhir;

    LocalDate today;
    String la;

    @BeforeEach
    void freshLa() {
        Instant day = timeline.freshDay();
        today = LocalDate.ofInstant(day, ZoneOffset.UTC);
        la = Batches.freshLa();
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldTellTheLaWithTheMothersUnbornPlanTheNewbornsNhsNumberOnce() {
        LocalDate motherBorn = today.minusYears(24);
        String mother = TestPatients.register("Jones", "Tracy", motherBorn);
        Batches.uploadPlan(la, Plans.plan(mother, "Jones", motherBorn, Plans.UCPP).la(la)
                .start(today.minusDays(100).toString()).end(today.plusDays(5).toString()));
        String newborn = TestPatients.newNhsNumber();

        TestPatients.register(TestPatients.newbornJson(newborn, mother, today), newborn);
        TestPatients.register(TestPatients.newbornJson(newborn, mother, today), newborn);

        Bundle feed = NotificationFeedTest.parse(given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1"))
                .when().get("/fhir/Communication?category=birth-notification").then().statusCode(200)
                .extract().asString());
        assertEquals(1, feed.getTotal(), "loaded twice, notified once");
        Communication birth = (Communication) feed.getEntryFirstRep().getResource();
        assertEquals(mother, birth.getSubject().getIdentifier().getValue());
        assertEquals("Tracy Jones", birth.getSubject().getDisplay());
        assertEquals(newborn, ((Identifier) birth.getExtensionByUrl(SD + "newborn-nhs-number").getValue()).getValue());
        assertNull(birth.getExtensionByUrl(SD + "batch-run"), "not made by a batch run");
    }

    @Test
    void shouldTellTheLaWhenTheUnbornPlanIsUploadedAfterThePrematureNewbornIsRegisteredOnce() {
        LocalDate motherBorn = today.minusYears(19);
        String mother = TestPatients.register("Brown", "Tracy", motherBorn);
        String newborn = TestPatients.newNhsNumber();
        // Born six weeks before the due date, and registered before the LA's upload reached the exchange.
        TestPatients.register(TestPatients.newbornJson(newborn, mother, today), newborn);
        Plans.Builder unborn = Plans.plan(mother, "Brown", motherBorn, Plans.UCPP).la(la)
                .start(today.minusDays(100).toString()).end(today.plusDays(42).toString());

        Batches.uploadPlan(la, unborn);
        Batches.uploadPlan(la, unborn.office("01632 960009"));

        Bundle feed = birthNotifications();
        assertEquals(1, feed.getTotal(), "made by the upload, once however often the plan is sent");
        TestPatients.register(TestPatients.newbornJson(newborn, mother, today), newborn);
        assertEquals(1, birthNotifications().getTotal(), "registered again after the upload: still once");
        Communication birth = (Communication) feed.getEntryFirstRep().getResource();
        assertEquals(mother, birth.getSubject().getIdentifier().getValue());
        assertEquals("Tracy Brown", birth.getSubject().getDisplay());
        assertEquals(newborn, ((Identifier) birth.getExtensionByUrl(SD + "newborn-nhs-number").getValue()).getValue());
    }

    @Test
    void shouldMakeTheBirthNotificationTheEventsMissedAtTheNextBatchRunOnce() {
        LocalDate motherBorn = today.minusYears(22);
        String mother = TestPatients.register("Price", "Kim", motherBorn);
        Batches.uploadPlan(la, Plans.plan(mother, "Price", motherBorn, Plans.UCPP).la(la)
                .start(today.minusDays(100).toString()).end(today.plusDays(5).toString()));
        String newborn = TestPatients.newNhsNumber();
        // As when the registration commits at the same moment as the upload: the row is stored, no event saw it.
        Patient registered = fhir.newJsonParser().parseResource(Patient.class,
                TestPatients.newbornJson(newborn, mother, today));
        QuarkusTransaction.requiringNew().run(() -> patients.upsertAll(
                List.of(PatientMapper.toRecord(registered, today)), clock.instant()));
        assertEquals(0, birthNotifications().getTotal());

        Instant day = clock.instant();
        clock.set(day.plus(Duration.ofHours(12)));
        Batches.run(day.plus(Duration.ofHours(11)));
        assertEquals(1, birthNotifications().getTotal(), "made by the night's batch run");
        Batches.run(day.plus(Duration.ofHours(11)).plusSeconds(1));
        assertEquals(1, birthNotifications().getTotal(), "and not again by the next");
    }

    private Bundle birthNotifications() {
        return NotificationFeedTest.parse(given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1"))
                .when().get("/fhir/Communication?category=birth-notification").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void shouldNotTellAboutABabyBornOutsideTheUnbornPlansPeriodWhicheverComesFirst() {
        LocalDate motherBorn = today.minusYears(25);
        // Born the day before the plan began: an older sibling, registered before and after the upload.
        String mother = TestPatients.register("Jones", "Tracy", motherBorn);
        String before = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.newbornJson(before, mother, today.minusDays(11)), before);
        Batches.uploadPlan(la, Plans.plan(mother, "Jones", motherBorn, Plans.UCPP).la(la)
                .start(today.minusDays(10).toString()).end(today.plusDays(100).toString()));
        String sibling = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.newbornJson(sibling, mother, today.minusDays(11)), sibling);
        // Born the day after the last display day (due date + 28 days), before and after the upload.
        String lateMother = TestPatients.register("Jones", "Amy", motherBorn);
        String late = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.newbornJson(late, lateMother, today), late);
        Batches.uploadPlan(la, Plans.plan(lateMother, "Jones", motherBorn, Plans.UCPP).la(la)
                .start(today.minusDays(200).toString()).end(today.minusDays(29).toString()));
        String lateTwin = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.newbornJson(lateTwin, lateMother, today), lateTwin);

        assertEquals(0, Batches.feed(la, "sw1", "").getInt("total"));
    }

    @Test
    void shouldNotTellAnLaWithoutADisplayableUnbornPlan() {
        LocalDate motherBorn = today.minusYears(17);
        String mother = TestPatients.register("Evans", "Lucy", motherBorn);
        Batches.uploadPlan(la, Plans.plan(mother, "Evans", motherBorn, Plans.LAC).la(la)
                .start(today.minusDays(100).toString()));
        String newborn = TestPatients.newNhsNumber();

        TestPatients.register(TestPatients.newbornJson(newborn, mother, today), newborn);

        assertEquals(0, Batches.feed(la, "sw1", "").getInt("total"));
    }

    @Test
    void shouldTellTheLaHoldingAPlanUnderASupersededNhsNumberTheNewOneOnce() {
        LocalDate born = today.minusYears(8);
        String old = TestPatients.register("Brown", "Lucy", born);
        Batches.uploadPlan(la, Plans.plan(old, "Brown", born, Plans.CPP).la(la).start(today.minusDays(20).toString()));
        Batches.uploadPlan(la, Plans.plan(old, "Brown", born, Plans.LAC).la(la).start(today.minusDays(10).toString()));
        String replacement = TestPatients.newNhsNumber();
        String superseded = TestPatients.supersededJson(old, replacement, "Brown", "Lucy", born);

        TestPatients.load(superseded);
        TestPatients.load(superseded);

        Bundle feed = NotificationFeedTest.parse(given().auth().oauth2(Tokens.laUpload(la))
                .when().get("/fhir/Communication").then().statusCode(200).extract().asString());
        assertEquals(1, feed.getTotal(), "two plans, loaded twice: one notification");
        Communication inactive = (Communication) feed.getEntryFirstRep().getResource();
        assertEquals("inactive-nhs-number", inactive.getCategoryFirstRep().getCodingFirstRep().getCode());
        assertEquals(old, inactive.getSubject().getIdentifier().getValue());
        assertEquals(replacement, ((Identifier) inactive.getExtensionByUrl(SD + "new-nhs-number").getValue())
                .getValue());
    }
}
