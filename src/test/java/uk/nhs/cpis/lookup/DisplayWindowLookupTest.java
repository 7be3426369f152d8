package uk.nhs.cpis.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * Display windows to the Europe/London day, and the previous-views cap, with the clock set: each
 * edge is looked at on its last day shown and on the first day hidden.
 */
@QuarkusTest
class DisplayWindowLookupTest {
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldShowACppThrough364DaysAfterItsEnd() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        LocalDate born = LocalDate.of(2015, 5, 5);
        String nhs = TestPatients.register("Hughes", "Amy", born);
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.CPP).start("2025-01-01").end("2026-03-01"), "LA330");

        // 2026-03-01 + 364 days = 2027-02-28; London is on GMT then.
        assertShown(nhs, "2027-02-28T23:59:00Z", true);
        assertShown(nhs, "2027-03-01T00:00:00Z", false);
    }

    @Test
    void shouldShowAPlanActiveOnItsEndDayAndInactiveFromTheNextThoughItsAnswerIsKept() {
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        LocalDate born = LocalDate.of(2015, 5, 5);
        String nhs = TestPatients.register("Hughes", "Cara", born);
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.CPP).start("2025-01-01").end("2026-03-01"), "LA330");
        String viewer = Tokens.clinician(Tokens.newUserId());

        Lookups.details(viewer, nhs).statusCode(200).body("entry[0].resource.status", equalTo("active"));
        clock.set(Instant.parse("2026-03-01T23:59:00Z"));
        Lookups.details(viewer, nhs).statusCode(200).body("entry[0].resource.status", equalTo("active"));
        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        Lookups.details(viewer, nhs).statusCode(200).body("entry[0].resource.status", equalTo("inactive"));
    }

    @Test
    void shouldShowALacThrough364DaysAfterItsEndInLondonTime() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        LocalDate born = LocalDate.of(2012, 1, 20);
        String nhs = TestPatients.register("Hughes", "Ben", born);
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.LAC).start("2025-01-01").end("2026-07-01"), "LA330");

        // 2026-07-01 + 364 days = 2027-06-30; in British Summer Time the London day ends at 23:00 UTC.
        assertShown(nhs, "2027-06-30T22:59:00Z", true);
        assertShown(nhs, "2027-06-30T23:00:00Z", false);
    }

    @Test
    void shouldShowAnUnbornPlanThrough28DaysAfterTheDueDate() {
        clock.set(Instant.parse("2026-05-01T12:00:00Z"));
        LocalDate born = LocalDate.of(1994, 8, 30);
        String mother = TestPatients.register("Green", "Tracy", born);
        Lookups.upload(Plans.plan(mother, "Green", born, Plans.UCPP).start("2026-01-05").end("2026-06-01"), "LA602");

        // 2026-06-01 + 28 days = 2026-06-29.
        assertShown(mother, "2026-06-29T22:59:00Z", true);
        assertShown(mother, "2026-06-29T23:00:00Z", false);
    }

    @Test
    void shouldProjectTheEndOfAPlanWithoutOneToThe18thBirthday() {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        LocalDate born = LocalDate.of(2008, 12, 15);
        String nhs = TestPatients.register("Hughes", "Cal", born);
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.CPP).start("2025-06-01"), "LA330");

        clock.set(Instant.parse("2026-12-14T12:00:00Z"));
        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200)
                .body("entry[0].resource.period.end", nullValue())
                .body("entry[0].resource.extension[0].valueDate", equalTo("2026-12-15"))
                .body("entry[0].resource.status", equalTo("active"));
        // 18th birthday 2026-12-15 + 364 days = 2027-12-14.
        assertShown(nhs, "2027-12-14T23:59:00Z", true);
        assertShown(nhs, "2027-12-15T00:00:00Z", false);
    }

    @Test
    void shouldMoveAProjectedEndWhenTheRegisterCorrectsTheBirthDate() {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        LocalDate born = LocalDate.of(2008, 12, 15);
        String nhs = TestPatients.register("Hughes", "Dan", born);
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.CPP).start("2025-06-01"), "LA330");
        Lookups.upload(Plans.plan(nhs, "Hughes", born, Plans.LAC).start("2025-06-01").end("2026-06-30"), "LA602");

        // A year later by a register load: the CPP's projected end moves, the LAC's given end stays.
        String corrected = TestPatients.patientJson(nhs, "Hughes", "Dan", LocalDate.of(2009, 12, 15)).replace("\n", "");
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson").body((corrected + "\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/admin/patients").then().statusCode(200).body("stored", equalTo(1));
        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200)
                .body("entry.resource.find { it.category[0].coding[0].code == '" + Plans.CPP
                        + "' }.extension[0].valueDate", equalTo("2027-12-15"))
                .body("entry.resource.find { it.category[0].coding[0].code == '" + Plans.LAC + "' }.period.end",
                        equalTo("2026-06-30"))
                .body("entry[0].resource.contained[0].birthDate", equalTo("2009-12-15"));
        // 18th birthday 2027-12-15 + 364 days = 2028-12-13; the LAC is hidden long before.
        assertShown(nhs, "2028-12-13T23:59:00Z", true);
        assertShown(nhs, "2028-12-14T00:00:00Z", false);

        // Half a year earlier by a single PUT: the plan shows again until the new edge, and no longer.
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        TestPatients.register(TestPatients.patientJson(nhs, "Hughes", "Dan", LocalDate.of(2009, 6, 15)), nhs);
        // 18th birthday 2027-06-15 + 364 days = 2028-06-13, in British Summer Time.
        assertShown(nhs, "2028-06-13T22:59:00Z", true);
        assertShown(nhs, "2028-06-13T23:00:00Z", false);
    }

    @Test
    void shouldKeepTheLast25ViewsNewestFirst() {
        String nhs = Lookups.childWithPlan(LocalDate.of(2016, 4, 2), "2025-05-01");
        Instant first = Instant.parse("2026-11-02T09:00:00Z");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            clock.set(first.plusSeconds(60L * i));
            String user = Tokens.newUserId();
            users.add(user);
            Lookups.details(Tokens.clinician(user), nhs).statusCode(200);
        }

        List<String> shown = Lookups.previousViews(Tokens.noAsn(Tokens.newUserId()), nhs).statusCode(200)
                .body("total", equalTo(25))
                .body("entry[0].resource.recorded", equalTo("2026-11-02T09:26:00.000Z"))
                .body("entry[24].resource.recorded", equalTo("2026-11-02T09:02:00.000Z"))
                .extract().path("entry.resource.agent.who.identifier.value.flatten()");
        List<String> expected = new ArrayList<>(users.subList(2, 27));
        java.util.Collections.reverse(expected);
        assertEquals(expected, shown);
    }

    private void assertShown(String nhs, String at, boolean shown) {
        clock.set(Instant.parse(at));
        int expected = shown ? 1 : 0;
        int viewsBefore = Lookups.viewCount(nhs);
        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(expected));
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(expected));
        assertEquals(viewsBefore + expected, Lookups.viewCount(nhs), "a view is recorded only when a plan is shown");
    }
}
