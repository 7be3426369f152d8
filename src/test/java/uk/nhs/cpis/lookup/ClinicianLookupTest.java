package uk.nhs.cpis.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.audit.AccessEventRepository;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** A clinician in unscheduled care: presence, details, previous views, and what each records. */
@QuarkusTest
class ClinicianLookupTest {
    private static final LocalDate CHILD_BORN = LocalDate.of(2016, 4, 2);
    private static final String PROJECTED_END = "https://cpis.local/fhir/StructureDefinition/plan-projected-end";

    @Inject
    Database database;

    @Test
    void shouldAnswerEveryDisplayablePlanOfEveryLa() {
        String nhs = TestPatients.register("Taylor", "Johnny", CHILD_BORN);
        Lookups.upload(Plans.plan(nhs, "Taylor", CHILD_BORN, Plans.CPP).start("2025-02-01").end("2027-01-31"), "LA330");
        Lookups.upload(Plans.plan(nhs, "Taylor", CHILD_BORN, Plans.LAC).start("2025-03-01")
                .emergency("01632 960099"), "LA602");

        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("Bundle")).body("type", equalTo("searchset")).body("total", equalTo(2))
                .body("entry.resource.category.coding.code.flatten()", containsInAnyOrder(Plans.CPP, Plans.LAC))
                .body("entry.resource.managingOrganization.identifier.value.flatten()",
                        containsInAnyOrder("LA330", "LA602"))
                .body("entry.resource.managingOrganization.display.flatten()", everyItem(equalTo("Northtown Council")))
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.CPP + "' }.resource.period",
                        equalTo(java.util.Map.of("start", "2025-02-01", "end", "2027-01-31")))
                // No end given for the LAC: no period.end, the projected end (18th birthday) in its extension.
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.LAC + "' }.resource.period",
                        equalTo(java.util.Map.of("start", "2025-03-01")))
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.LAC + "' }.resource.extension",
                        equalTo(List.of(java.util.Map.of("url", PROJECTED_END, "valueDate", "2034-04-02"))))
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.CPP + "' }.resource.extension",
                        nullValue())
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.LAC
                        + "' }.resource.telecom.find { it.use == 'mobile' }.value", equalTo("01632 960099"))
                .body("entry.find { it.resource.category[0].coding[0].code == '" + Plans.LAC
                        + "' }.resource.telecom.find { it.use == 'work' }.value", equalTo("01632 960002"))
                .body("entry.resource.meta.profile.flatten()",
                        everyItem(equalTo("https://cpis.local/fhir/StructureDefinition/cpis-care-team")))
                .body("entry.resource.contained[0].identifier[0].value.flatten()", everyItem(equalTo(nhs)));
    }

    /** JAX-RS runs the GET for a HEAD: it would record a view, and so send an ASN, for plans nobody saw. */
    @Test
    void shouldRefuseHeadAndRecordNoView() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-02-01");
        String clinician = Tokens.clinician(Tokens.newUserId());

        for (String path : List.of("/fhir/CareTeam", "/fhir/Flag", "/fhir/AuditEvent")) {
            given().auth().oauth2(clinician).queryParam("patient:identifier", Lookups.patient(nhs))
                    .when().head(path).then().log().ifValidationFails()
                    .statusCode(405).contentType("application/fhir+json").header("Allow", "GET");
        }
        given().auth().oauth2(clinician).queryParam("identifier", Lookups.patient(nhs))
                .when().head("/fhir/Patient").then().statusCode(405);
        given().auth().oauth2(Tokens.token("la-social-worker", Tokens.LA, "sw1")).queryParam("category", "asn")
                .when().head("/fhir/Communication").then().statusCode(405);

        assertEquals(0, Lookups.viewCount(nhs));
    }

    /** A Bundle leaves as one body with its length, not as one HTTP chunk per JSON token (HAPI flushes per token). */
    @Test
    void shouldSendEachAnswerWholeWithItsLength() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-02-01");

        io.restassured.response.Response answer = Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs)
                .statusCode(200).header("Transfer-Encoding", nullValue()).extract().response();

        assertEquals(answer.asByteArray().length, Integer.parseInt(answer.header("Content-Length")));
    }

    @Test
    void shouldFindAnUnbornPlanByTheMothersNhsNumber() {
        LocalDate motherBorn = LocalDate.of(1996, 7, 9);
        String mother = TestPatients.register("Green", "Tracy", motherBorn);
        Lookups.upload(Plans.plan(mother, "Green", motherBorn, Plans.UCPP).start("2026-09-01").end("2027-02-14"),
                "LA602");

        Lookups.details(Tokens.clinician(Tokens.newUserId()), mother).statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.category[0].coding[0].code", equalTo(Plans.UCPP))
                .body("entry[0].resource.period.end", equalTo("2027-02-14"));
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), mother).statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldAnswerOneFlagWhenCpInformationExistsAndNoneOtherwise() {
        String token = Tokens.clinician(Tokens.newUserId());
        String withPlan = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        String withoutPlan = TestPatients.register("Taylor", "Jane", CHILD_BORN);

        Lookups.presence(token, withPlan).statusCode(200).body("type", equalTo("searchset"))
                .body("total", equalTo(1)).body("entry[0].resource.resourceType", equalTo("Flag"))
                .body("entry[0].resource.status", equalTo("active"))
                .body("entry[0].resource.subject.identifier.value", equalTo(withPlan))
                // Presence records no view, so it tells nothing about the plan itself.
                .body("entry[0].resource.period", nullValue());
        Lookups.presence(token, withoutPlan).statusCode(200).body("total", equalTo(0)).body("entry", nullValue());
    }

    @Test
    void shouldAnswerAnEmptySearchsetForAPatientWithoutPlans() {
        String registered = TestPatients.register("Taylor", "Jane", CHILD_BORN);
        String token = Tokens.clinician(Tokens.newUserId());
        for (ValidatableResponse answer : List.of(Lookups.details(token, registered), Lookups.presence(token, registered),
                Lookups.previousViews(token, registered))) {
            answer.statusCode(200).body("type", equalTo("searchset")).body("total", equalTo(0))
                    .body("entry", nullValue());
        }
        assertEquals(0, Lookups.viewCount(registered));
    }

    /** Total 0 for both, but a number the register does not hold is not "no plan": an outcome entry says so. */
    @Test
    void shouldTellANumberTheRegisterDoesNotHoldFromAChildWithoutAPlan() {
        String unregistered = TestPatients.newNhsNumber();
        String token = Tokens.clinician(Tokens.newUserId());
        for (ValidatableResponse answer : List.of(Lookups.details(token, unregistered),
                Lookups.presence(token, unregistered), Lookups.previousViews(token, unregistered))) {
            answer.statusCode(200).body("type", equalTo("searchset")).body("total", equalTo(0))
                    .body("entry", hasSize(1))
                    .body("entry[0].search.mode", equalTo("outcome"))
                    .body("entry[0].resource.resourceType", equalTo("OperationOutcome"))
                    .body("entry[0].resource.issue[0].severity", equalTo("information"))
                    .body("entry[0].resource.issue[0].code", equalTo("not-found"))
                    .body("entry[0].resource.issue[0].diagnostics", containsString("not in the demographics register"));
        }
        assertEquals(0, Lookups.viewCount(unregistered));
    }

    @Test
    void shouldNeverShowAWithdrawnPlanNorTheViewsOfIt() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(Tokens.laUpload()).when().delete("/fhir/" + Plans.url(nhs, Plans.CPP))
                .then().statusCode(204);

        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(0));
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(0));
        // The earlier view is kept (for the batch and the audit) but would tell that the child was on a plan.
        Lookups.previousViews(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(200).body("total", equalTo(0));
        assertEquals(List.of(1L), database.query("select count(*) from access_event where nhs_number = ?",
                statement -> statement.setString(1, nhs), row -> row.getLong(1)));
    }

    @Test
    void shouldStoreAnAccessEventForEveryB0107DetailsAnswerAndNoneForB0170OrPresence() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        String viewer = Tokens.clinician(Tokens.newUserId());
        for (int i = 1; i <= 3; i++) {
            Lookups.details(viewer, nhs).statusCode(200).body("total", equalTo(1));
            assertEquals(i, Lookups.viewCount(nhs), "views after " + i + " B0107 details answers");
        }
        Lookups.presence(viewer, nhs).statusCode(200).body("total", equalTo(1));
        String noAsn = Tokens.noAsn(Tokens.newUserId());
        Lookups.details(noAsn, nhs).statusCode(200).body("total", equalTo(1));
        Lookups.presence(noAsn, nhs).statusCode(200).body("total", equalTo(1));
        Lookups.previousViews(noAsn, nhs).statusCode(200).body("total", equalTo(3));

        assertEquals(3, Lookups.viewCount(nhs), "presence checks, B0170 views and previous views record no view");
    }

    @Test
    void shouldShowWhoViewedFromWhereNewestFirst() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        String first = Tokens.newUserId();
        String second = Tokens.newUserId();
        Lookups.details(Tokens.clinician(first), nhs).statusCode(200);
        Lookups.details(Tokens.token("cpis-view", "RX202", second), nhs).statusCode(200);

        Lookups.previousViews(Tokens.noAsn(Tokens.newUserId()), nhs).statusCode(200)
                .body("total", equalTo(2))
                .body("entry.resource.resourceType", everyItem(equalTo("AuditEvent")))
                .body("entry[0].resource.agent[0].who.identifier.system", equalTo("https://fhir.nhs.uk/Id/sds-user-id"))
                .body("entry[0].resource.agent[0].who.identifier.value", equalTo(second))
                .body("entry[0].resource.agent[0].who.display", equalTo("Test User " + second))
                .body("entry[0].resource.agent[0].role[0].text", equalTo("ED Consultant"))
                .body("entry[0].resource.source.observer.identifier.value", equalTo("RX202"))
                .body("entry[0].resource.source.observer.display", equalTo("RX202 Organisation"))
                .body("entry[0].resource.entity[0].what.identifier.value", equalTo(nhs))
                .body("entry[0].resource.type.code", equalTo("rest"))
                .body("entry[1].resource.agent[0].who.identifier.value", equalTo(first));
    }

    @Test
    void shouldRefuseTheDataWhenTheViewCannotBeRecorded() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        QuarkusMock.installMockForType(new UnwritableAccessEvents(), AccessEventRepository.class);

        Lookups.details(Tokens.clinician(Tokens.newUserId()), nhs).statusCode(503).contentType("application/fhir+json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("SERVICE_UNAVAILABLE"))
                .body("entry", nullValue());
        assertEquals(List.of(0L), database.query("select count(*) from access_event where nhs_number = ?",
                statement -> statement.setString(1, nhs), row -> row.getLong(1)));
    }

    /** The access-event table refusing every write, as a full disk or a lost database would (this test only). */
    static class UnwritableAccessEvents extends AccessEventRepository {
        @Override
        public void insertAll(Collection<View> views) {
            if (!views.isEmpty()) {
                throw new IllegalStateException("test fault: access events cannot be written");
            }
        }
    }

    @Test
    void shouldSecurityAuditEveryLookupWithItsRole() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        // Not the NHS number itself: a request id with ten digits in a row is replaced (it is logged).
        String noAsn = lookUpEverything(Tokens.noAsn(Tokens.newUserId()), "audit-" + nhs.substring(0, 5), nhs);
        String view = lookUpEverything(Tokens.clinician(Tokens.newUserId()), "audit-view-" + nhs.substring(0, 5), nhs);

        assertEquals(List.of("DETAILS:cpis-view-no-asn:ANSWERED:1", "PRESENCE:cpis-view-no-asn:ANSWERED:1",
                "PREVIOUS_VIEWS:cpis-view-no-asn:ANSWERED:0"), auditLines("security_audit_line", noAsn, nhs));
        assertEquals(List.of("DETAILS:cpis-view:ANSWERED:1", "PRESENCE:cpis-view:ANSWERED:1",
                "PREVIOUS_VIEWS:cpis-view:ANSWERED:1"), auditLines("security_audit_line", view, nhs));
        // One durable write per view: the B0107 view's line is its access event's, not a second row.
        assertEquals(List.of("PRESENCE:cpis-view:ANSWERED:1", "PREVIOUS_VIEWS:cpis-view:ANSWERED:1"),
                auditLines("security_audit", view, nhs));
    }

    /** Presence, details and previous views, in that order, under one request id; answers the request id. */
    private static String lookUpEverything(String token, String requestId, String nhs) {
        for (String path : List.of("/fhir/Flag", "/fhir/CareTeam", "/fhir/AuditEvent")) {
            given().auth().oauth2(token).header("X-Request-ID", requestId)
                    .queryParam("patient:identifier", Lookups.patient(nhs)).when().get(path).then().statusCode(200);
        }
        return requestId;
    }

    private List<String> auditLines(String table, String requestId, String nhs) {
        return database.query("select action || ':' || user_role || ':' || outcome || ':' || result_count from "
                + table + " where request_id = ? and nhs_number = ?", s -> {
                    s.setString(1, requestId);
                    s.setString(2, nhs);
                }, row -> row.getString(1)).stream().sorted().toList();
    }

    @Test
    void shouldStillListAnLasOwnPlansOnTheSameGet() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        given().auth().oauth2(Tokens.laUpload()).queryParam("_count", 500).when().get("/fhir/CareTeam")
                .then().statusCode(200).body("type", equalTo("searchset"))
                .body("entry.resource.managingOrganization.identifier.value.flatten()", everyItem(equalTo("LA330")));
        // An LA lists its own plans; it cannot look a patient up.
        given().auth().oauth2(Tokens.laUpload()).queryParam("patient:identifier", Lookups.patient(nhs))
                .when().get("/fhir/CareTeam").then().statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void shouldRefuseOtherRolesOnClinicalEndpoints() {
        String nhs = Lookups.childWithPlan(CHILD_BORN, "2025-05-01");
        for (String path : List.of("/fhir/Flag", "/fhir/AuditEvent")) {
            given().auth().oauth2(Tokens.laUpload()).queryParam("patient:identifier", Lookups.patient(nhs))
                    .when().get(path).then().statusCode(403).contentType("application/fhir+json")
                    .body("issue[0].details.coding[0].code", equalTo("FORBIDDEN"));
        }
        given().auth().oauth2(Tokens.laUpload()).queryParam("family", "Taylor").queryParam("gender", "female")
                .queryParam("birthdate", CHILD_BORN.toString()).when().get("/fhir/Patient").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).queryParam("patient:identifier", Lookups.patient(nhs))
                .when().get("/fhir/CareTeam").then().statusCode(403);
        given().queryParam("patient:identifier", Lookups.patient(nhs)).when().get("/fhir/Flag")
                .then().statusCode(401).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(Tokens.expired("cpis-view", Tokens.HOSPITAL))
                .queryParam("patient:identifier", Lookups.patient(nhs)).when().get("/fhir/CareTeam")
                .then().statusCode(401);
        assertEquals(0, Lookups.viewCount(nhs));
    }

    @Test
    void shouldRefuseBadInputWithAnOperationOutcome() {
        String token = Tokens.clinician(Tokens.newUserId());
        String valid = TestPatients.newNhsNumber();
        for (String path : List.of("/fhir/Flag", "/fhir/CareTeam", "/fhir/AuditEvent")) {
            expectRefusal(given().auth().oauth2(token).when().get(path).then(), 400, "INVALID_PARAMETER");
            expectRefusal(given().auth().oauth2(token).queryParam("patient:identifier", Lookups.patient("1234567890"))
                    .when().get(path).then(), 422, "INVALID_NHS_NUMBER");
            expectRefusal(given().auth().oauth2(token).queryParam("patient:identifier", Lookups.patient("12345"))
                    .when().get(path).then(), 422, "INVALID_NHS_NUMBER");
            expectRefusal(given().auth().oauth2(token).queryParam("patient:identifier", valid)
                    .when().get(path).then(), 400, "INVALID_PARAMETER");
            expectRefusal(given().auth().oauth2(token).queryParam("patient:identifier", Lookups.patient(valid))
                    .queryParam("patient:identifier", Lookups.patient(valid)).when().get(path).then(), 400,
                    "INVALID_PARAMETER");
            expectRefusal(given().auth().oauth2(token).queryParam("patient:identifier", Lookups.patient(valid))
                    .queryParam("_count", "5").when().get(path).then(), 400, "INVALID_PARAMETER");
        }
    }

    private static void expectRefusal(io.restassured.response.ValidatableResponse response, int status, String code) {
        response.log().ifValidationFails().statusCode(status).contentType("application/fhir+json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo(code))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.notNullValue());
    }
}
