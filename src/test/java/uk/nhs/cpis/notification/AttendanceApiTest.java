package uk.nhs.cpis.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** GET /api/attendance: a child's timeline of accesses and its pattern flags, through HTTP. */
@QuarkusTest
class AttendanceApiTest {
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

    Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldListTheAccessesNewestFirstAndFlagThreeAttendancesAtTwoOrganisations() {
        String child = Batches.childWithPlan(la, day, 7);
        events.record(at(1), child, "u1", Tokens.HOSPITAL);
        events.record(at(30), child, "u2", Tokens.HOSPITAL);
        events.record(at(80), child, "u3", "RY202");
        clock.set(at(100));
        Batches.run(at(99));

        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).queryParam("nhsNumber", child)
                .when().get("/api/attendance").then().statusCode(200).contentType("application/json")
                .body("nhsNumber", equalTo(child)).body("patientName", equalTo("Johnny Taylor"))
                .body("accesses", equalTo(3)).body("attendances", equalTo(3)).body("windowDays", equalTo(30))
                .body("timeline.userId", contains("u3", "u2", "u1"))
                .body("timeline.orgName", contains("RY202 Hospital", AccessEvents.HOSPITAL_NAME, AccessEvents.HOSPITAL_NAME))
                .body("timeline[0].jobRole", equalTo(AccessEvents.JOB_ROLE))
                .body("flags.code", contains("frequent-attendance", "several-organisations"))
                .body("flags[0].count", equalTo(3)).body("flags[1].count", equalTo(2))
                .body("flags[0].text", equalTo("3 or more attendances in 30 days"));

        given().auth().oauth2(Tokens.laUpload(la)).queryParam("nhsNumber", child)
                .when().get("/api/attendance").then().statusCode(200).body("accesses", equalTo(3));
    }

    @Test
    void shouldTellAnotherLaNothingAboutTheChild() {
        String child = Batches.childWithPlan(la, day, 7);
        events.record(at(1), child, "u1", Tokens.HOSPITAL);
        clock.set(at(10));
        Batches.run(at(9));

        given().auth().oauth2(Tokens.token("la-social-worker", Batches.freshLa(), "sw2")).queryParam("nhsNumber", child)
                .when().get("/api/attendance").then().statusCode(200)
                .body("accesses", equalTo(0)).body("timeline", empty()).body("flags", empty());
    }

    @Test
    void shouldBeDescribedInTheOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/attendance'.get.parameters.name", contains("nhsNumber"));
    }

    @Test
    void shouldRefuseOtherRolesAndBadNumbers() {
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId())).queryParam("nhsNumber", "9990000018")
                .when().get("/api/attendance").then().statusCode(403);
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).queryParam("nhsNumber", "9990000019")
                .when().get("/api/attendance").then().statusCode(422);
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1"))
                .when().get("/api/attendance").then().statusCode(400);
        given().auth().oauth2(Tokens.token("la-social-worker", la, "sw1")).queryParam("nhsNumber", "9990000018")
                .queryParam("extra", "1").when().get("/api/attendance").then().statusCode(400);
        given().when().get("/api/attendance?nhsNumber=9990000018").then().statusCode(401);
    }
}
