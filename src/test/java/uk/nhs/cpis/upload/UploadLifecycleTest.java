package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** LA system, success paths: replace, withdraw, resend, acknowledgements, paging, single calls, limits. */
@QuarkusTest
class UploadLifecycleTest {
    private static final LocalDate BORN = LocalDate.of(2016, 2, 29);

    @Test
    void shouldReplaceAPlanWithTheLatestUpload() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.LAC)))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].response.etag", equalTo("W/\"1\""));
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.LAC).end("2026-11-01")))
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].response.etag", equalTo("W/\"2\""));
    }

    @Test
    void shouldAnswerAResentBundleFromTheStoredAcknowledgementAndApplyNothingTwice() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        String bundle = Plans.batch("resend-" + UUID.randomUUID(), Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP)));
        JsonPath first = post(bundle, Tokens.laUpload()).then().statusCode(200).extract().jsonPath();
        JsonPath again = post(bundle, Tokens.laUpload()).then().statusCode(200).extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals("201 Created", again.getString("entry[0].response.status"));
        assertEquals("W/\"1\"", again.getString("entry[0].response.etag"));
        // Had it been applied again, the plan would now be at version 2.
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP)))
                .body("entry[0].response.etag", equalTo("W/\"2\""));
    }

    @Test
    void shouldTreatTheSameIdentifierFromAnotherLaAsANewBundle() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        String identifier = "shared-" + UUID.randomUUID();
        post(Plans.batch(identifier, Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP))), Tokens.laUpload())
                .then().statusCode(200);
        post(Plans.batch(identifier, Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP).la(Tokens.OTHER_LA))),
                Tokens.laUpload(Tokens.OTHER_LA))
                .then().statusCode(200).body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldFetchAPastAcknowledgementByIdForItsOwnLaOnly() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        String id = UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP)))
                .extract().path("id");
        given().auth().oauth2(Tokens.laUpload()).when().get("/fhir/Bundle/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("type", equalTo("batch-response"));
        given().auth().oauth2(Tokens.laUpload(Tokens.OTHER_LA)).when().get("/fhir/Bundle/" + id)
                .then().statusCode(404).body("issue[0].details.coding[0].code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.laUpload()).when().get("/fhir/Bundle/" + UUID.randomUUID())
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void shouldWithdrawAPlanSoItLeavesTheListAndAReplayIsHarmless() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        UploadValidationTest.upload(Plans.putEntry(Plans.plan(nhs, "Evans", BORN, Plans.CPP)));
        UploadValidationTest.upload(Plans.deleteEntry(nhs, Plans.CPP))
                .body("entry[0].response.status", equalTo("204 No Content"));
        UploadValidationTest.upload(Plans.deleteEntry(nhs, Plans.CPP))
                .body("entry[0].response.status", equalTo("204 No Content"));
        assertTrue(allPlanIds(Tokens.laUpload()).stream().noneMatch(id -> planNhs(id, nhs)));
        UploadValidationTest.upload(Plans.deleteEntry(nhs, Plans.LAC))
                .body("entry[0].response.status", equalTo("404 Not Found"));
    }

    @Test
    void shouldUploadAndWithdrawSinglyOnCareTeam() {
        String nhs = TestPatients.register("Evans", "Lucy", BORN);
        Plans.Builder plan = Plans.plan(nhs, "Evans", BORN, Plans.CPP);
        singlePut(plan).then().statusCode(201).header("Location", startsWith("CareTeam/"))
                .body("resourceType", equalTo("CareTeam"))
                .body("managingOrganization[0].identifier.value", equalTo(Tokens.LA))
                .body("period.end", nullValue())
                .body("extension.find { it.url.endsWith('/plan-projected-end') }.valueDate", equalTo("2034-03-01"));
        singlePut(plan).then().statusCode(200);
        given().auth().oauth2(Tokens.laUpload()).when().delete("/fhir/" + plan.url())
                .then().statusCode(204);
        singlePut(plan.start(null)).then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("MISSING_START_DATE"))
                .body("issue[0].expression[0]", equalTo("CareTeam.period.start"));
    }

    @Test
    void shouldRefuseSingleCallsWithBadOrUnknownParameters() {
        given().auth().oauth2(Tokens.laUpload()).when()
                .delete("/fhir/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|123&category=http://snomed.info/sct|342191000000101")
                .then().statusCode(422).body("issue[0].details.coding[0].code", equalTo("INVALID_NHS_NUMBER"));
        given().auth().oauth2(Tokens.laUpload()).when()
                .delete("/fhir/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919&category=http://snomed.info/sct|342191000000101&colour=red")
                .then().statusCode(400).body("issue[0].details.coding[0].code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void shouldListTheLasOwnPlansInPages() {
        String la = "LA" + (100 + (int) (Math.random() * 800));
        String token = Tokens.laUpload(la);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String nhs = TestPatients.register("Page", "Child" + i, BORN);
            entries.add(Plans.putEntry(Plans.plan(nhs, "Page", BORN, Plans.CPP).la(la)));
        }
        post(Plans.batch(null, entries.toArray(String[]::new)), token).then().statusCode(200);
        Response first = given().auth().oauth2(token).when().get("/fhir/CareTeam?_count=2");
        first.then().statusCode(200).body("type", equalTo("searchset")).body("total", equalTo(5))
                .body("entry", hasSize(2)).body("link.relation", hasItem("next"));
        assertEquals(5, allPlanIds(token).size());
        given().auth().oauth2(token).when().get("/fhir/CareTeam?_count=0")
                .then().statusCode(400).body("issue[0].details.coding[0].code", equalTo("INVALID_PARAMETER"));
        given().auth().oauth2(token).when().get("/fhir/CareTeam?_sort=x")
                .then().statusCode(400);
    }

    @Test
    void shouldRefuseABundleOverTheSizeLimitWithAClearMessage() {
        // The test profile answers at most 5 entries at once and queues at most 50.
        post(Plans.batch(null, deletes(6)), Tokens.laUpload())
                .then().statusCode(413).body("issue[0].details.coding[0].code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("issue[0].diagnostics", containsString("respond-async"));
        given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async").contentType("application/fhir+json")
                .body(Plans.batch(null, deletes(51))).when().post("/fhir")
                .then().statusCode(413);
    }

    @Test
    void shouldQueueALargeBundleWhenAskedAndAnswerAtTheStatusUrl() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String nhs = TestPatients.register("Async", "Child" + i, BORN);
            entries.add(Plans.putEntry(Plans.plan(nhs, "Async", BORN, Plans.CPP)));
        }
        String identifier = "async-" + UUID.randomUUID();
        Response accepted = given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async")
                .contentType("application/fhir+json").body(Plans.batch(identifier, entries.toArray(String[]::new)))
                .when().post("/fhir");
        accepted.then().statusCode(202).header("Content-Location", containsString("/fhir/Bundle/"));
        String status = accepted.header("Content-Location");
        Response done = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            done = given().auth().oauth2(Tokens.laUpload()).when().get(status);
            if (done.statusCode() == 200) {
                break;
            }
            assertEquals(202, done.statusCode());
            Thread.onSpinWait();
        }
        done.then().statusCode(200).body("type", equalTo("batch-response")).body("entry", hasSize(7))
                .body("entry.response.status", not(hasItem(not(equalTo("201 Created")))));
    }

    private static String[] deletes(int count) {
        String[] entries = new String[count];
        for (int i = 0; i < count; i++) {
            entries[i] = Plans.deleteEntry("9434765919", Plans.CPP);
        }
        return entries;
    }

    private static Response singlePut(Plans.Builder plan) {
        return given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(plan.json())
                .when().put("/fhir/" + plan.url());
    }

    private static Response post(String bundle, String token) {
        return given().auth().oauth2(token).contentType("application/fhir+json").body(bundle).when().post("/fhir");
    }

    private static boolean planNhs(String careTeamJson, String nhs) {
        return careTeamJson.contains(nhs);
    }

    /** Follows next links to the end; answers each CareTeam as JSON text. */
    private static List<String> allPlanIds(String token) {
        List<String> plans = new ArrayList<>();
        String url = "/fhir/CareTeam?_count=2";
        for (int page = 0; url != null && page < 1000; page++) {
            JsonPath body = given().auth().oauth2(token).when().get(url).then().statusCode(200).extract().jsonPath();
            List<Object> resources = body.getList("entry.resource");
            if (resources != null) {
                resources.forEach(r -> plans.add(r.toString()));
            }
            List<String> relations = body.getList("link.relation");
            int next = relations.indexOf("next");
            url = next < 0 ? null : body.getString("link[" + next + "].url");
        }
        return plans;
    }
}
