package uk.nhs.cpis.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The LA feed, as an LA's social worker and its system read it. */
@QuarkusTest
class NotificationFeedTest {
    private static final String SD = "https://cpis.local/fhir/StructureDefinition/notification-";

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    Instant day;
    String la;

    @BeforeEach
    void freshLa() {
        day = timeline.freshDay();
        la = Batches.freshLa();
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldGiveEachAsnThePatientTheAccessTheUserAndTheOrganisation() {
        LocalDate born = LocalDate.ofInstant(day, ZoneOffset.UTC).minusYears(5);
        String child = TestPatients.register("Smith", "Johnny", born);
        Batches.uploadPlan(la, Plans.plan(child, "Smith", born, Plans.CPP).la(la).start(date(-30)));
        long event = events.record(at(20), child, "555000000001", Tokens.HOSPITAL);
        clock.set(at(26));
        String runId = Batches.run(at(25)).getString("id");

        Bundle feed = parse(given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1"))
                .when().get("/fhir/Communication?category=asn").then().statusCode(200)
                .contentType("application/fhir+json").extract().asString());

        assertEquals(1, feed.getTotal());
        Communication asn = (Communication) feed.getEntryFirstRep().getResource();
        assertEquals("asn", asn.getCategoryFirstRep().getCodingFirstRep().getCode());
        assertEquals(child, asn.getSubject().getIdentifier().getValue());
        assertEquals("Johnny Smith", asn.getSubject().getDisplay());
        assertEquals(born.toString(), ((DateType) asn.getExtensionByUrl(SD + "patient-birth-date").getValue())
                .getValueAsString());
        assertEquals(at(20), ((DateTimeType) asn.getExtensionByUrl(SD + "access-time").getValue()).getValue()
                .toInstant());
        Reference user = (Reference) asn.getExtensionByUrl(SD + "accessing-user").getValue();
        assertEquals("555000000001", user.getIdentifier().getValue());
        assertEquals("Dr 555000000001", user.getDisplay());
        assertEquals(AccessEvents.JOB_ROLE, ((StringType) asn.getExtensionByUrl(SD + "job-role").getValue()).getValue());
        Reference organisation = (Reference) asn.getExtensionByUrl(SD + "accessing-organization").getValue();
        assertEquals(Tokens.HOSPITAL, organisation.getIdentifier().getValue());
        assertEquals(AccessEvents.HOSPITAL_NAME, organisation.getDisplay());
        assertEquals(runId, ((StringType) asn.getExtensionByUrl(SD + "batch-run").getValue()).getValue());
        assertEquals(la, asn.getRecipientFirstRep().getIdentifier().getValue());
        assertNull(asn.getExtensionByUrl(SD + "acknowledged"));
        assertTrue(event > 0);

        given().auth().oauth2(Tokens.laUpload(la)).when().get("/fhir/Communication/" + asn.getIdPart())
                .then().statusCode(200).body("id", equalTo(asn.getIdPart()));
    }

    @Test
    void shouldPageTheFeedWithCountAndNextLinks() {
        String child = Batches.childWithPlan(la, day, 6);
        for (int i = 1; i <= 5; i++) {
            events.record(at(i), child, "user" + i, Tokens.HOSPITAL);
        }
        clock.set(at(12));
        Batches.run(at(11));

        List<String> times = new ArrayList<>();
        String next = "/fhir/Communication?_count=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).urlEncodingEnabled(false)
                    .when().get(next).then().statusCode(200).extract().jsonPath();
            assertEquals(5, page.getInt("total"));
            times.addAll(page.getList("entry.resource.collect { r -> r.extension.find { it.url.endsWith('access-time') }"
                    + ".valueDateTime }"));
            next = page.getString("link.find { it.relation == 'next' }.url");
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(List.of(1, 2, 3, 4, 5).stream().map(h -> at(h).toString()).toList(), times);
    }

    @Test
    void shouldFilterByBatchRunAndAcknowledgement() {
        String child = Batches.childWithPlan(la, day, 6);
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        events.record(at(2), child, "ben", Tokens.HOSPITAL);
        clock.set(at(40));
        String first = Batches.run(at(10)).getString("id");
        events.record(at(20), child, "cara", Tokens.HOSPITAL);
        String second = Batches.run(at(30)).getString("id");

        assertEquals(2, Batches.feed(la, "sw1", "batch=" + first).getInt("total"));
        assertEquals(1, Batches.feed(la, "sw1", "batch=" + second).getInt("total"));
        assertEquals(0, Batches.feed(la, "sw1", "batch=no-such-run").getInt("total"));
        String id = Batches.feed(la, "sw1", "batch=" + second).getString("entry[0].resource.id");
        acknowledge(la, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"communication\","
                + "\"valueReference\":{\"reference\":\"Communication/" + id + "\"}}]}");

        assertEquals(List.of(id), Batches.feed(la, "sw1", "acknowledged=true").getList("entry.resource.id"));
        assertEquals(2, Batches.feed(la, "sw1", "acknowledged=false&category=asn").getInt("total"));
        assertEquals(3, Batches.feed(la, "sw1", "category=https://cpis.local/fhir/CodeSystem/cpis-notification-"
                + "category|asn").getInt("total"));
        assertEquals(0, Batches.feed(la, "sw1", "category=birth-notification").getInt("total"));
    }

    @Test
    void shouldShowAnLaOnlyItsOwnNotifications() {
        String otherLa = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 6);
        events.record(at(1), child, "anna", Tokens.HOSPITAL);
        clock.set(at(3));
        Batches.run(at(2));
        String id = Batches.feed(la, "sw1", "").getString("entry[0].resource.id");

        assertEquals(0, Batches.feed(otherLa, "sw2", "").getInt("total"));
        assertEquals(0, Batches.feed(Tokens.laUpload(otherLa), "").getInt("total"));
        given().auth().oauth2(Tokens.token("la-social-worker", otherLa, "sw2")).when()
                .get("/fhir/Communication/" + id).then().statusCode(404).contentType("application/fhir+json");
    }

    @Test
    void shouldRefuseOtherRolesAndBadParameters() {
        String sw = Tokens.token("la-social-worker", la, "sw1");
        given().auth().oauth2(Tokens.clinician("anna")).when().get("/fhir/Communication").then().statusCode(403);
        given().auth().oauth2(Tokens.token("la-privacy-officer", la, "po")).when().get("/fhir/Communication")
                .then().statusCode(403);
        given().when().get("/fhir/Communication").then().statusCode(401);
        for (String query : List.of("subject=x", "category=gossip", "acknowledged=maybe", "_count=0", "_count=501",
                "_count=ten", "_cursor=abc", "category=asn&category=asn", "category=http://other%7Casn")) {
            given().auth().oauth2(sw).urlEncodingEnabled(false).when().get("/fhir/Communication?" + query)
                    .then().statusCode(400).contentType("application/fhir+json")
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].details.coding[0].code", equalTo("INVALID_PARAMETER"));
        }
    }

    static JsonPath acknowledge(String la, String parameters) {
        return given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).contentType("application/fhir+json")
                .body(parameters).when().post("/fhir/Communication/$acknowledge")
                .then().statusCode(200).extract().jsonPath();
    }

    static Bundle parse(String json) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
    }

    private Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }

    private String date(int days) {
        return LocalDate.ofInstant(day, ZoneOffset.UTC).plusDays(days).toString();
    }
}
