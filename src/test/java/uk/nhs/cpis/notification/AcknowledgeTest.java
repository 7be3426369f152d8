package uk.nhs.cpis.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** POST /fhir/Communication/$acknowledge: a list or a batch in one call, all or nothing, repeatable. */
@QuarkusTest
class AcknowledgeTest {
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    Instant day;
    String la;
    String otherLa;
    String runId;

    @BeforeEach
    void asnsForTwoLas() {
        day = timeline.freshDay();
        la = Batches.freshLa();
        otherLa = Batches.freshLa();
        String child = Batches.childWithPlan(la, day, 9);
        Batches.uploadPlan(otherLa, Plans.plan(child, "Taylor", java.time.LocalDate.ofInstant(day,
                java.time.ZoneOffset.UTC).minusYears(9), Plans.LAC).la(otherLa).start(day.toString().substring(0, 10)));
        for (int i = 1; i <= 3; i++) {
            events.record(day.plus(Duration.ofHours(i)), child, "user" + i, Tokens.HOSPITAL);
        }
        clock.set(day.plus(Duration.ofHours(12)));
        runId = Batches.run(day.plus(Duration.ofHours(11))).getString("id");
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldAcknowledgeAListOnceAndKeepTheFirstTimeWhenRepeated() {
        List<String> ids = ids(la, "");
        clock.set(day.plus(Duration.ofHours(13)));
        assertEquals(2, acknowledge(la, communications(ids.get(0), ids.get(1))).getInt("parameter[0].valueInteger"));
        String firstTime = acknowledgedTimes(la).get(0);

        clock.set(day.plus(Duration.ofHours(20)));
        assertEquals(2, acknowledge(la, communications(ids.get(0), ids.get(1))).getInt("parameter[0].valueInteger"));

        assertEquals(List.of(firstTime, firstTime), acknowledgedTimes(la));
        assertEquals(day.plus(Duration.ofHours(13)).toString(), firstTime);
        assertEquals(1, Batches.feed(la, "sw1", "acknowledged=false").getInt("total"));
    }

    @Test
    void shouldAcknowledgeAWholeBatchForTheCallersLaOnly() {
        assertEquals(3, acknowledge(la, batch(runId)).getInt("parameter[0].valueInteger"));
        assertEquals(3, acknowledge(la, batch(runId)).getInt("parameter[0].valueInteger"));

        assertEquals(0, Batches.feed(la, "sw1", "acknowledged=false").getInt("total"));
        assertEquals(3, Batches.feed(otherLa, "sw2", "acknowledged=false").getInt("total"));
    }

    @Test
    void shouldAnswerAnotherLasNotificationAsUnknownAndAcknowledgeNothing() {
        String own = ids(la, "").get(0);
        String theirs = ids(otherLa, "").get(0);

        // As for an unknown id: any other answer would tell the caller that the other LA holds a plan.
        refuse(communications(own, theirs), 404, "NOT_FOUND");

        assertEquals(3, Batches.feed(la, "sw1", "acknowledged=false").getInt("total"));
        assertEquals(3, Batches.feed(otherLa, "sw2", "acknowledged=false").getInt("total"));
    }

    @Test
    void shouldRefuseUnknownNotificationsAndMalformedParameters() {
        String own = ids(la, "").get(0);
        refuse(communications(own, "no-such-id"), 404, "NOT_FOUND");
        refuse(batch("no-such-run"), 404, "NOT_FOUND");
        refuse("{\"resourceType\":\"Parameters\"}", 400, "INVALID_REQUEST");
        refuse("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"communication\",\"valueReference\":"
                + "{\"reference\":\"Patient/" + own + "\"}}]}", 400, "INVALID_REQUEST");
        refuse("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"id\",\"valueId\":\"" + own + "\"}]}", 400,
                "INVALID_REQUEST");
        refuse("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"batch\",\"valueString\":\"" + runId
                + "\"},{\"name\":\"communication\",\"valueReference\":{\"reference\":\"Communication/" + own
                + "\"}}]}", 400, "INVALID_REQUEST");
        refuse("{\"resourceType\":\"Bundle\"}", 400, "MALFORMED_CONTENT");
        given().auth().oauth2(Tokens.clinician("anna")).contentType("application/fhir+json").body(batch(runId))
                .when().post("/fhir/Communication/$acknowledge").then().statusCode(403);
        // The upload system reads the feed (and every restricted child's notifications) but does not acknowledge.
        given().auth().oauth2(Tokens.laUpload(la)).contentType("application/fhir+json").body(batch(runId))
                .when().post("/fhir/Communication/$acknowledge")
                .then().statusCode(403).body("issue[0].details.coding[0].code", equalTo("FORBIDDEN"));
        assertEquals(3, Batches.feed(la, "sw1", "acknowledged=false").getInt("total"));
    }

    @Test
    void shouldReachTheOperationWithTheDollarSentEncodedOrAsItIs() {
        for (String path : List.of("/fhir/Communication/%24acknowledge", "/fhir/Communication/$acknowledge")) {
            given().urlEncodingEnabled(false).auth().oauth2(Tokens.token("la-social-worker", la, "sw1"))
                    .contentType("application/fhir+json").body(batch(runId)).when().post(path)
                    .then().statusCode(200).body("parameter[0].valueInteger", equalTo(3));
        }
    }

    @Test
    void shouldRecordWhoAcknowledgedAndShowThemInTheFeed() {
        List<String> ids = ids(la, "");
        String worker = Tokens.claims("la-social-worker", la, "sw-ack").claim("name", "Sam Worker")
                .claim("job_role", "Senior Social Worker").sign();
        given().auth().oauth2(worker).contentType("application/fhir+json").body(communications(ids.get(0)))
                .when().post("/fhir/Communication/$acknowledge").then().statusCode(200);
        // A later acknowledgement of a batch keeps the first person, as it keeps the first time.
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw-later")).contentType("application/fhir+json")
                .body(batch(runId)).when().post("/fhir/Communication/$acknowledge").then().statusCode(200);

        String first = "entry.find { it.resource.id == '" + ids.get(0) + "' }.resource.extension";
        String other = "entry.find { it.resource.id == '" + ids.get(1) + "' }.resource.extension";
        io.restassured.path.json.JsonPath feed = Batches.feed(la, "sw1", "");
        assertEquals("https://fhir.nhs.uk/Id/sds-user-id", feed.getString(first
                + ".find { it.url.endsWith('/notification-acknowledged-by') }.valueReference.identifier.system"));
        assertEquals("sw-ack", feed.getString(first
                + ".find { it.url.endsWith('/notification-acknowledged-by') }.valueReference.identifier.value"));
        assertEquals("Sam Worker", feed.getString(first
                + ".find { it.url.endsWith('/notification-acknowledged-by') }.valueReference.display"));
        assertEquals("Senior Social Worker", feed.getString(first
                + ".find { it.url.endsWith('/notification-acknowledged-by-job-role') }.valueString"));
        assertEquals("sw-later", feed.getString(other
                + ".find { it.url.endsWith('/notification-acknowledged-by') }.valueReference.identifier.value"));
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).when().get("/fhir/Communication/" + ids.get(0))
                .then().statusCode(200).body("extension.find { it.url.endsWith('/notification-acknowledged-by') }"
                        + ".valueReference.display", equalTo("Sam Worker"));
    }

    private void refuse(String parameters, int status, String code) {
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).contentType("application/fhir+json")
                .body(parameters).when().post("/fhir/Communication/$acknowledge")
                .then().statusCode(status).contentType("application/fhir+json")
                .body("issue[0].details.coding[0].code", equalTo(code));
    }

    private io.restassured.path.json.JsonPath acknowledge(String laCode, String parameters) {
        return NotificationFeedTest.acknowledge(laCode, parameters);
    }

    private static List<String> ids(String laCode, String query) {
        return Batches.feed(laCode, "sw1", query).getList("entry.resource.id");
    }

    private static List<String> acknowledgedTimes(String laCode) {
        return Batches.feed(laCode, "sw1", "acknowledged=true")
                .getList("entry.resource.collect { r -> r.extension.find { it.url.endsWith('acknowledged') }"
                        + ".valueDateTime }");
    }

    static String communications(String... ids) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[" + List.of(ids).stream()
                .map(id -> "{\"name\":\"communication\",\"valueReference\":{\"reference\":\"Communication/" + id + "\"}}")
                .collect(Collectors.joining(",")) + "]}";
    }

    static String batch(String id) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"batch\",\"valueString\":\"" + id + "\"}]}";
    }
}
