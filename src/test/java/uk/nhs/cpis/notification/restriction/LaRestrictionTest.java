package uk.nhs.cpis.notification.restriction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** An LA privacy officer restricts who in the LA sees a child's notifications (seed 000). */
@QuarkusTest
class LaRestrictionTest {
    private static final String HEAD_OF_SERVICE = ",\"authorisedBy\":{\"userId\":\"hos1\",\"name\":\"Jo Hart\","
            + "\"jobRole\":\"Head of Service\"}";

    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    Instant day;
    String la;
    String restricted;
    String other;

    /** An ASN for each of two children of a fresh LA. */
    @BeforeEach
    void twoChildrenWithAsns() {
        day = timeline.freshDay();
        la = Batches.freshLa();
        restricted = Batches.childWithPlan(la, day, 10);
        other = Batches.childWithPlan(la, day, 11);
        events.record(day.plus(Duration.ofHours(1)), restricted, "anna", Tokens.HOSPITAL);
        events.record(day.plus(Duration.ofHours(2)), other, "anna", Tokens.HOSPITAL);
        clock.set(day.plus(Duration.ofHours(4)));
        Batches.run(day.plus(Duration.ofHours(3)));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldShowARestrictedChildOnlyToTheNamedUsersTheLaSystemAndSafeguarding() {
        create(restricted, "only-named-users", List.of("sw-allocated"), "Placed for adoption").then().statusCode(201)
                .body("status", equalTo("in-force")).body("users", equalTo(List.of("sw-allocated")))
                .body("reviewDue", equalTo(date(0).plusMonths(3).toString()));

        assertEquals(Set.of(restricted, other), children(social("sw-allocated")));
        assertEquals(Set.of(other), children(social("sw-duty")));
        assertEquals(Set.of(restricted, other), children(Tokens.laUpload(la)));
        assertEquals(Set.of(restricted, other), children(Tokens.claims("la-social-worker", la, "hos")
                .claim("job_role", "head of safeguarding").sign()));
        given().auth().oauth2(social("sw-allocated")).when().get("/fhir/Communication")
                .then().body("entry.findAll { it.resource.subject.identifier.value == '" + restricted
                        + "' }.resource.meta.security[0][0].code", equalTo("R"));
        assertEquals(1, Batches.feed(social("sw-duty"), "").getInt("total"), "the total leaves hidden ones out too");
    }

    @Test
    void shouldKeepEveryRequiredAccessRoleSeeingARestrictedChildHoweverTheRoleIsWritten() {
        create(restricted, "only-named-users", List.of("sw-allocated"), "Placed for adoption").then().statusCode(201);

        // Seed 000, "required access", as identity providers spell the roles.
        for (String jobRole : List.of("Strategic Director", "Deputy Director of Children’s Services", "heads of service",
                "Service Managers", "Childrens Safeguarding", "MASH Manager", "mash-managers", "Emergency Duty Team",
                "Head of Safeguarding")) {
            assertEquals(Set.of(restricted, other), children(withJobRole("senior-" + jobRole.length(), jobRole)),
                    jobRole);
        }
        assertEquals(Set.of(other), children(withJobRole("tm", "Team Manager")));
        assertEquals(Set.of(other), children(withJobRole("sw", "Social Worker")));
    }

    @Test
    void shouldKeepOutAPersonTheRestrictionNamesWhateverTheirRole() {
        // Seed 000: "changed when the reason for restriction relates to one of these staff".
        create(restricted, "all-except-named-users", List.of("hos-relative", "safeguarding-relative"),
                "The child's aunt is a Head of Service").then().statusCode(201);

        assertEquals(Set.of(other), children(withJobRole("hos-relative", "Head of Service")));
        assertEquals(Set.of(other), children(withJobRole("safeguarding-relative", "Head of Safeguarding")));
        assertEquals(Set.of(restricted, other), children(withJobRole("hos-other", "Head of Service")));
        String hidden = Batches.feed(Tokens.laUpload(la), "").getString("entry.find { it.resource.subject.identifier"
                + ".value == '" + restricted + "' }.resource.id");
        given().auth().oauth2(withJobRole("hos-relative", "Head of Service")).when()
                .get("/fhir/Communication/" + hidden).then().statusCode(404);
        given().auth().oauth2(withJobRole("hos-relative", "Head of Service")).when()
                .get("/api/attendance?nhsNumber=" + restricted).then().body("accesses", equalTo(0));
    }

    @Test
    void shouldLetNamedTeamsSeeAUniversallyRestrictedChildAndRefuseNamesThatMatchNobody() {
        create(restricted, "only-named-users", List.of("team:Adoption", "sw-allocated"), "Placed for adoption")
                .then().statusCode(201).body("users", equalTo(List.of("sw-allocated", "team:Adoption")));

        assertEquals(Set.of(restricted, other), children(inTeams("sw-a1", "Adoption")));
        assertEquals(Set.of(restricted, other), children(inTeams("sw-a2", "Fostering", "Adoption")));
        assertEquals(Set.of(other), children(inTeams("sw-f1", "Fostering")));
        assertEquals(Set.of(other), children(social("sw-none")));

        officer().contentType("application/json").body("{\"users\":[\"Fostering Team\"]}")
                .when().put("/api/la-restrictions/" + restrictionOn(restricted)).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("detail", containsString("team:<name>"));
        create(other, "all-except-named-users", List.of("team:"), "Neighbour").then().statusCode(400);
        create(other, "all-except-named-users", List.of("team:Fostering"), "A foster carer's relative")
                .then().statusCode(201);
        assertEquals(Set.of(), children(inTeams("sw-f2", "Fostering")));
    }

    @Test
    void shouldRecordTheAuthorisationAndRefuseAUniversalRestrictionWithoutAHeadOfServiceOrAbove() {
        create(restricted, "only-named-users", List.of("sw-allocated"), "Adoption", "").then().statusCode(422)
                .body("code", equalTo("AUTHORISATION_REQUIRED"));
        create(restricted, "only-named-users", List.of("sw-allocated"), "Adoption", ",\"authorisedBy\":{\"name\":"
                + "\"Sam Lee\",\"jobRole\":\"Team Manager\"}").then().statusCode(422)
                .body("code", equalTo("AUTHORISATION_REQUIRED")).body("detail", containsString("Team Manager"));
        create(restricted, "only-named-users", List.of("sw-allocated"), "Placed for adoption",
                ",\"requestedBy\":{\"userId\":\"tm1\",\"name\":\"Sam Lee\",\"jobRole\":\"Team Manager\"},"
                        + "\"authorisedBy\":{\"name\":\"Jo Hart\",\"jobRole\":\"Heads of Service\"},"
                        + "\"responsibleManager\":{\"name\":\"Ann Cole\",\"jobRole\":\"Service Manager\"}")
                .then().statusCode(201).body("requestedBy.userId", equalTo("tm1"))
                .body("authorisedBy.name", equalTo("Jo Hart")).body("authorisedBy.jobRole", equalTo("Heads of Service"))
                .body("responsibleManager.name", equalTo("Ann Cole"));
        // A restriction for named people is requested at Team Manager level: no authoriser needed.
        create(other, "all-except-named-users", List.of("sw-neighbour"), "Neighbour", ",\"requestedBy\":{\"name\":"
                + "\"Sam Lee\",\"jobRole\":\"Team Manager\"}").then().statusCode(201)
                .body("authorisedBy", org.hamcrest.Matchers.nullValue());

        // Those who may read the child's notifications see when and why, and who authorised it and is responsible.
        String note = Batches.feed(social("sw-allocated"), "").getString("entry.find { it.resource.subject.identifier"
                + ".value == '" + restricted + "' }.resource.note[0].text");
        assertEquals("Restricted: Placed for adoption. Requested by Sam Lee (Team Manager). Authorised by Jo Hart "
                + "(Heads of Service). Responsible manager: Ann Cole (Service Manager).", note);
        assertEquals(day.plus(Duration.ofHours(4)).toString(), Batches.feed(social("sw-allocated"), "")
                .getString("entry.find { it.resource.subject.identifier.value == '" + restricted
                        + "' }.resource.note[0].time"));
    }

    @Test
    void shouldChangeTheNamedUsersAndTeamsAndRecordEachChange() {
        String id = create(restricted, "only-named-users", List.of("sw-old", "team:North"), "Adoption").then()
                .statusCode(201).extract().path("id");
        clock.set(day.plus(Duration.ofHours(5)));

        // The case transfers: the previous worker and team lose access.
        officer().contentType("application/json").body("{\"users\":[\"sw-new\",\"team:South\"],\"note\":"
                + "\"Case transferred to the South team\"}").when().put("/api/la-restrictions/" + id).then()
                .statusCode(200).body("users", equalTo(List.of("sw-new", "team:South")));
        assertEquals(Set.of(other), children(social("sw-old")));
        assertEquals(Set.of(other), children(inTeams("sw-n", "North")));
        assertEquals(Set.of(restricted, other), children(social("sw-new")));
        assertEquals(Set.of(restricted, other), children(inTeams("sw-s", "South")));

        officer().contentType("application/json").body("{\"users\":[\"sw-new\",\"team:South\"]}")
                .when().put("/api/la-restrictions/" + id).then().statusCode(200);
        officer().when().get("/api/la-restrictions/" + id + "/changes").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].usersBefore", equalTo(List.of("sw-old", "team:North")))
                .body("[0].usersAfter", equalTo(List.of("sw-new", "team:South")))
                .body("[0].changedBy", equalTo("po1")).body("[0].note", equalTo("Case transferred to the South team"))
                .body("[0].changedAt", equalTo(day.plus(Duration.ofHours(5)).toString()));

        officer().when().delete("/api/la-restrictions/" + id).then().statusCode(204);
        officer().contentType("application/json").body("{\"users\":[\"sw-old\"]}")
                .when().put("/api/la-restrictions/" + id).then().statusCode(409);
        given().auth().oauth2(Tokens.token("la-privacy-officer", Batches.freshLa(), "po9")).contentType("application/json")
                .body("{\"users\":[\"sw-old\"]}").when().put("/api/la-restrictions/" + id).then().statusCode(404);
    }

    @Test
    void shouldLetTheHeadOfSafeguardingReadTheReviewReportAndRecordTheDecision() {
        String id = create(restricted, "only-named-users", List.of("sw-allocated"), "Media interest").then()
                .statusCode(201).extract().path("id");
        String safeguarding = Tokens.claims("la-social-worker", la, "hosg").claim("name", "Pat Reid")
                .claim("job_role", "Head of Safeguarding").sign();
        LocalDate due = date(0).plusMonths(3);

        given().auth().oauth2(safeguarding).when().get("/api/la-restrictions/review?asOf=" + due).then()
                .statusCode(200).body("due.id", equalTo(List.of(id))).body("due[0].reason", equalTo("Media interest"))
                .body("due[0].authorisedBy.name", equalTo("Jo Hart"));
        clock.set(day.plus(Duration.ofDays(92)));
        given().auth().oauth2(safeguarding).contentType("application/json")
                .body("{\"outcome\":\"keep\",\"note\":\"Media interest continues\"}")
                .when().post("/api/la-restrictions/" + id + "/reviews").then().statusCode(201)
                .body("reviewedBy", equalTo("hosg")).body("reviewedByName", equalTo("Pat Reid"))
                .body("reviewedByRole", equalTo("Head of Safeguarding")).body("outcome", equalTo("keep"));
        given().auth().oauth2(safeguarding).when().get("/api/la-restrictions/" + id + "/reviews").then()
                .statusCode(200).body("reviewedByName", equalTo(List.of("Pat Reid")));

        // Another social worker is no reviewer; the safeguarding lead does not make restrictions.
        given().auth().oauth2(social("sw-duty")).when().get("/api/la-restrictions/review").then().statusCode(403);
        given().auth().oauth2(social("sw-duty")).contentType("application/json").body("{\"outcome\":\"lift\"}")
                .when().post("/api/la-restrictions/" + id + "/reviews").then().statusCode(403);
        given().auth().oauth2(safeguarding).contentType("application/json").body("{}")
                .when().post("/api/la-restrictions").then().statusCode(403);
        given().auth().oauth2(Tokens.claims("la-social-worker", Batches.freshLa(), "hosg2")
                .claim("job_role", "Head of Safeguarding").sign()).when().get("/api/la-restrictions/" + id)
                .then().statusCode(404);
    }

    @Test
    void shouldHideARestrictedChildFromTheNamedUsersOnly() {
        create(restricted, "all-except-named-users", List.of("sw-neighbour"), "Staff member is a neighbour")
                .then().statusCode(201);

        assertEquals(Set.of(other), children(social("sw-neighbour")));
        assertEquals(Set.of(restricted, other), children(social("sw-duty")));
    }

    @Test
    void shouldNotLetAUserAcknowledgeOrReadANotificationHiddenFromThem() {
        String hidden = Batches.feed(Tokens.laUpload(la), "").getString("entry.find { it.resource.subject.identifier"
                + ".value == '" + restricted + "' }.resource.id");
        create(restricted, "all-except-named-users", List.of("sw-neighbour"), "Neighbour").then().statusCode(201);

        given().auth().oauth2(social("sw-neighbour")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"communication\",\"valueReference\":"
                        + "{\"reference\":\"Communication/" + hidden + "\"}}]}")
                .when().post("/fhir/Communication/$acknowledge").then().statusCode(404);
        given().auth().oauth2(social("sw-neighbour")).when().get("/fhir/Communication/" + hidden)
                .then().statusCode(404);
        String runId = Batches.feed(Tokens.laUpload(la), "").getString("entry[0].resource.extension.find "
                + "{ it.url.endsWith('batch-run') }.valueString");
        given().auth().oauth2(social("sw-neighbour")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"batch\",\"valueString\":\""
                        + runId + "\"}]}")
                .when().post("/fhir/Communication/$acknowledge").then().statusCode(200)
                .body("parameter[0].valueInteger", equalTo(1));
        assertEquals(1, Batches.feed(Tokens.laUpload(la), "acknowledged=false").getInt("total"),
                "the hidden child's notification is left unacknowledged");
    }

    @Test
    void shouldHideABirthNotificationFromThoseTheNewbornIsRestrictedFrom() {
        LocalDate motherBorn = date(0).minusYears(24);
        String mother = TestPatients.register("Jones", "Tracy", motherBorn);
        Batches.uploadPlan(la, Plans.plan(mother, "Jones", motherBorn, Plans.UCPP).la(la)
                .start(date(-100).toString()).end(date(5).toString()));
        String newborn = TestPatients.newNhsNumber();
        TestPatients.register(TestPatients.newbornJson(newborn, mother, date(0)), newborn);
        String birth = Batches.feed(Tokens.laUpload(la), "category=birth-notification")
                .getString("entry[0].resource.id");

        // Seed 000: the birth record of a child placed for adoption; the notification's subject is the mother.
        create(newborn, "only-named-users", List.of("sw-adoption"), "Placed for adoption").then().statusCode(201);

        assertEquals(0, Batches.feed(social("sw-duty"), "category=birth-notification").getInt("total"));
        given().auth().oauth2(social("sw-duty")).when().get("/fhir/Communication/" + birth).then().statusCode(404);
        given().auth().oauth2(social("sw-duty")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"communication\",\"valueReference\":"
                        + "{\"reference\":\"Communication/" + birth + "\"}}]}")
                .when().post("/fhir/Communication/$acknowledge").then().statusCode(404);
        assertEquals(1, Batches.feed(social("sw-adoption"), "category=birth-notification").getInt("total"));
        given().auth().oauth2(social("sw-adoption")).when().get("/fhir/Communication/" + birth).then()
                .statusCode(200).body("meta.security[0].code", equalTo("R"));
    }

    @Test
    void shouldHideAnInactiveNumberNotificationFromThoseTheNewNumberIsRestrictedFrom() {
        LocalDate born = date(0).minusYears(8);
        String old = TestPatients.register("Brown", "Sam", born);
        Batches.uploadPlan(la, Plans.plan(old, "Brown", born, Plans.CPP).la(la).start(date(-20).toString()));
        String replacement = TestPatients.newNhsNumber();
        TestPatients.load(TestPatients.supersededJson(old, replacement, "Brown", "Sam", born));

        create(replacement, "all-except-named-users", List.of("sw-neighbour"), "Neighbour").then().statusCode(201);

        assertEquals(0, Batches.feed(social("sw-neighbour"), "category=inactive-nhs-number").getInt("total"));
        assertEquals(1, Batches.feed(social("sw-duty"), "category=inactive-nhs-number").getInt("total"));
    }

    @Test
    void shouldListRestrictionsDueForTheirThreeMonthlyReviewAndRecordReviews() {
        String id = create(restricted, "only-named-users", List.of("sw-allocated"), "Media interest")
                .then().statusCode(201).extract().path("id");

        assertEquals(List.of(), due(date(0).plusMonths(3).minusDays(1)));
        assertEquals(List.of(id), due(date(0).plusMonths(3)));
        officer().when().get("/api/la-restrictions/review?asOf=" + date(0).plusMonths(3))
                .then().body("due[0].reason", equalTo("Media interest")).body("count", equalTo(1));

        clock.set(day.plus(Duration.ofDays(95)));
        officer().contentType("application/json").body("{\"outcome\":\"keep\",\"note\":\"Still needed\"}")
                .when().post("/api/la-restrictions/" + id + "/reviews").then().statusCode(201)
                .body("outcome", equalTo("keep")).body("reviewedBy", equalTo("po1"));
        assertEquals(List.of(), due(date(95)));
        assertEquals(List.of(id), due(date(95).plusMonths(3)));
        officer().when().get("/api/la-restrictions/" + id).then()
                .body("reviewDue", equalTo(date(95).plusMonths(3).toString()));

        clock.set(day.plus(Duration.ofDays(96)));
        officer().contentType("application/json").body("{\"outcome\":\"lift\"}")
                .when().post("/api/la-restrictions/" + id + "/reviews").then().statusCode(201);
        officer().when().get("/api/la-restrictions/" + id).then().body("status", equalTo("lifted"));
        assertEquals(Set.of(restricted, other), children(social("sw-duty")));
        officer().when().get("/api/la-restrictions/" + id + "/reviews").then().statusCode(200)
                .body("outcome", equalTo(List.of("keep", "lift")));
        officer().contentType("application/json").body("{\"outcome\":\"keep\"}")
                .when().post("/api/la-restrictions/" + id + "/reviews").then().statusCode(409);
    }

    @Test
    void shouldLiftARestrictionAndAllowANewOneAfterwards() {
        String id = create(restricted, "all-except-named-users", List.of("sw-neighbour"), "Neighbour")
                .then().statusCode(201).extract().path("id");
        officer().when().get("/api/la-restrictions").then().statusCode(200).body("id", hasItem(id));

        officer().when().delete("/api/la-restrictions/" + id).then().statusCode(204);
        officer().when().delete("/api/la-restrictions/" + id).then().statusCode(204);

        assertEquals(Set.of(restricted, other), children(social("sw-neighbour")));
        create(restricted, "only-named-users", List.of("sw-allocated"), "Adoption").then().statusCode(201);
    }

    @Test
    void shouldRefuseBadDuplicateAndForeignRestrictions() {
        create(restricted, "only-named-users", List.of("sw-a"), " ").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"));
        create(restricted, "only-named-users", List.of(), "Reason").then().statusCode(400);
        create(restricted, "some-users", List.of("sw-a"), "Reason").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        create("1234567890", "only-named-users", List.of("sw-a"), "Reason").then().statusCode(422)
                .body("code", equalTo("INVALID_NHS_NUMBER"));
        officer().contentType("application/json").body("{\"nhsNumber\":\"" + restricted + "\",\"kind\":"
                + "\"only-named-users\",\"users\":[\"sw-a\"],\"reason\":\"R\",\"extra\":1}")
                .when().post("/api/la-restrictions").then().statusCode(400);
        String id = create(restricted, "only-named-users", List.of("sw-a"), "Reason").then().statusCode(201)
                .extract().path("id");
        create(restricted, "all-except-named-users", List.of("sw-b"), "Again").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_RESTRICTION"));

        String otherLa = Batches.freshLa();
        given().auth().oauth2(Tokens.token("la-privacy-officer", otherLa, "po2")).when()
                .get("/api/la-restrictions/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.token("la-privacy-officer", otherLa, "po2")).when()
                .get("/api/la-restrictions").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(social("sw-a")).contentType("application/json").body("{}")
                .when().post("/api/la-restrictions").then().statusCode(403);
        given().auth().oauth2(Tokens.token("privacy-officer", Tokens.HOSPITAL, "po3")).when()
                .get("/api/la-restrictions/review").then().statusCode(403);
        officer().when().get("/api/la-restrictions/review?asOf=soon").then().statusCode(400);
        officer().when().get("/api/la-restrictions/no-such-id").then().statusCode(404);
    }

    /** A universal restriction comes with its authoriser, a Head of Service (seed 000). */
    private io.restassured.response.Response create(String nhsNumber, String kind, List<String> users, String reason) {
        return create(nhsNumber, kind, users, reason, kind.equals("only-named-users") ? HEAD_OF_SERVICE : "");
    }

    private io.restassured.response.Response create(String nhsNumber, String kind, List<String> users, String reason,
            String record) {
        String named = String.join(",", users.stream().map(u -> "\"" + u + "\"").toList());
        return officer().contentType("application/json").body("{\"nhsNumber\":\"" + nhsNumber + "\",\"kind\":\"" + kind
                + "\",\"users\":[" + named + "],\"reason\":\"" + reason + "\"" + record + "}")
                .when().post("/api/la-restrictions");
    }

    private List<String> due(LocalDate asOf) {
        return officer().when().get("/api/la-restrictions/review?asOf=" + asOf).then().statusCode(200)
                .extract().jsonPath().getList("due.id");
    }

    private RequestSpecification officer() {
        return given().auth().oauth2(Tokens.token("la-privacy-officer", la, "po1"));
    }

    private String social(String userId) {
        return Tokens.token("la-social-worker", la, userId);
    }

    private String inTeams(String userId, String... teams) {
        return Tokens.claims("la-social-worker", la, userId).claim("teams", List.of(teams)).sign();
    }

    private String restrictionOn(String child) {
        return officer().when().get("/api/la-restrictions").then().extract().jsonPath()
                .getString("find { it.nhsNumber == '" + child + "' }.id");
    }

    private String withJobRole(String userId, String jobRole) {
        return Tokens.claims("la-social-worker", la, userId).claim("job_role", jobRole).sign();
    }

    private static Set<String> children(String token) {
        // A feed with nothing in it has no entry at all.
        List<String> children = Batches.feed(token, "").getList("entry.resource.subject.identifier.value");
        return children == null ? Set.of() : Set.copyOf(children);
    }

    private LocalDate date(int days) {
        return LocalDate.ofInstant(day, ZoneOffset.UTC).plusDays(days);
    }
}
