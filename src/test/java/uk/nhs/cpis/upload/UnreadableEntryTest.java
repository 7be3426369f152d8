package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.QueuedUploads;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * A resource HAPI cannot read (an impossible date, an unknown code) refuses its own entry with a 400 saying
 * where and what; the other entries are still stored. Only a fault of the Bundle itself refuses the whole body.
 */
@QuarkusTest
class UnreadableEntryTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    private static final String BAD_REQUEST = "400 Bad Request";
    // The test profile answers at most 5 entries at once: 6 are queued.
    private static final int QUEUED_SIZE = 6;

    @Test
    void shouldRefuseOnlyTheEntryWithAnImpossibleDate() {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        upload(Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.LAC)),
                Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP).start("2023-02-29")))
                .statusCode(200).body("type", equalTo("batch-response"))
                .body("entry.response.status", contains("201 Created", BAD_REQUEST))
                .body("entry[1].response.outcome.issue", hasSize(1))
                .body("entry[1].response.outcome.issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"))
                .body("entry[1].response.outcome.issue[0].diagnostics", startsWith("Entry 1: the resource"))
                .body("entry[1].response.outcome.issue[0].diagnostics", containsString("2023-02-29"))
                .body("entry[1].response.outcome.issue[0].expression", contains("Bundle.entry[1].resource"));
        // The good entry was stored (a resend replaces it), the bad one not (its first good upload creates it).
        upload(Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.LAC)),
                Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP)))
                .statusCode(200).body("entry.response.status", contains("200 OK", "201 Created"));
    }

    @Test
    void shouldRefuseEachUnreadableEntryAtItsIndex() {
        String first = TestPatients.register("Taylor", "Johnny", BORN);
        String last = TestPatients.register("Evans", "Lucy", BORN);
        String other = TestPatients.register("Patel", "Noah", BORN);
        Plans.Builder plan = Plans.plan(other, "Patel", BORN, Plans.CPP);
        // At most 5 entries are answered at once in the test profile: two Bundles.
        upload(Plans.putEntry(Plans.plan(first, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(other, "Patel", BORN, Plans.CPP).start("2024-13-01")),
                Plans.putEntry(Plans.plan(other, "Patel", BORN, Plans.CPP).start("01/02/2024")),
                Plans.putEntry(Plans.plan(other, "Patel", BORN, Plans.CPP).start("")),
                Plans.putEntry(Plans.plan(last, "Evans", BORN, Plans.CPP)))
                .statusCode(200)
                .body("entry.response.status", contains("201 Created", BAD_REQUEST, BAD_REQUEST, BAD_REQUEST,
                        "201 Created"))
                .body("entry[1].response.outcome.issue[0].diagnostics", containsString("2024-13-01"))
                .body("entry[2].response.outcome.issue[0].diagnostics", containsString("01/02/2024"))
                .body("entry[3].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[3].resource"));
        upload(Plans.putEntry(plan.url(), plan.json().replace("\"status\":\"active\"", "\"status\":\"dormant\"")),
                Plans.putEntry(plan.url(), plan.json().replace("\"id\":\"patient\",", "")),
                Plans.putEntry(plan.url(), plan.json().replace("\"#patient\"", "\"#p\"")),
                Plans.putEntry(plan.url(), "5"))
                .statusCode(200)
                .body("entry.response.status", contains(BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST))
                .body("entry[0].response.outcome.issue[0].diagnostics", containsString("dormant"))
                .body("entry[3].response.outcome.issue[0].diagnostics", startsWith("Entry 3: "))
                .body("entry[3].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[3].resource"));
    }

    @Test
    void shouldStillRefuseTheWholeBundleForAFaultOfTheBundle() {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        String entries = Plans.batch(null, Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP).start("2023-02-29")));
        refusedWhole(entries.replace("\"type\":\"batch\"", "\"type\":\"batchy\""));
        refusedWhole(entries.replace("\"type\":\"batch\"", "\"type\":\"batch\",\"colour\":\"red\""));
        // Content after the Bundle: HAPI refuses the body, and so must the entry-by-entry reading.
        refusedWhole(entries + " {\"resourceType\":\"Bundle\"} trailing");
        // Nothing of those was stored; the same entries in a sound Bundle are answered one by one.
        uploadBundle(entries).statusCode(200).body("entry.response.status", contains("201 Created", BAD_REQUEST));
    }

    @Test
    void shouldRefuseAnEntryWhoseRequestIsUnreadableAlone() {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        String bundle = Plans.batch(null, Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP)));
        // Only the second entry's method is unknown to FHIR.
        int second = bundle.lastIndexOf("\"method\":\"PUT\"");
        String unreadable = bundle.substring(0, second) + "\"method\":\"PUTT\""
                + bundle.substring(second + "\"method\":\"PUT\"".length());

        uploadBundle(unreadable).statusCode(200)
                .body("entry.response.status", contains("201 Created", BAD_REQUEST))
                .body("entry[1].response.outcome.issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"))
                .body("entry[1].response.outcome.issue[0].diagnostics", startsWith("Entry 1: the entry is not valid"))
                .body("entry[1].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[1]"));
        // The good entry was stored, the other not: sent again soundly, 200 then 201.
        uploadBundle(bundle).statusCode(200).body("entry.response.status", contains("200 OK", "201 Created"));

        // An entry unreadable in its request and in its resource is refused alone as well.
        String withBadDate = Plans.batch(null, Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP).start("2023-02-29")));
        int method = withBadDate.lastIndexOf("\"method\":\"PUT\"");
        uploadBundle(withBadDate.substring(0, method) + "\"method\":\"PUTT\""
                + withBadDate.substring(method + "\"method\":\"PUT\"".length()))
                .statusCode(200).body("entry.response.status", contains("200 OK", BAD_REQUEST))
                .body("entry[1].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[1]"));
    }

    @Test
    void shouldRefuseASingleUnreadableCareTeamWhole() {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        Plans.Builder plan = Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start("2023-02-29");
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(plan.json()).when().put("/fhir/" + plan.url().replace("|", "%7C"))
                .then().statusCode(400).body("issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"));
        // In a batch, the same CareTeam is an entry's 400.
        upload(Plans.putEntry(plan)).statusCode(200).body("entry[0].response.status", equalTo(BAD_REQUEST));
    }

    @Test
    void shouldRefuseAnUnreadableEntryOfAQueuedUploadAndAnswerAResendTheSame() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < QUEUED_SIZE - 1; i++) {
            String nhs = TestPatients.register("Taylor", "Johnny", BORN);
            entries.add(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)));
        }
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        entries.add(Plans.putEntry(Plans.plan(bad, "Evans", BORN, Plans.CPP).start("2023-02-29")));
        String bundle = Plans.batch("unreadable-" + UUID.randomUUID(), entries.toArray(String[]::new));
        String status = queue(bundle).statusCode(202).extract().header("Content-Location");
        QueuedUploads.awaitFinalAnswer(status).then().statusCode(200).body("entry", hasSize(QUEUED_SIZE))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[5].response.status", equalTo(BAD_REQUEST))
                .body("entry[5].response.outcome.issue[0].diagnostics", containsString("2023-02-29"))
                .body("entry[5].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[5].resource"));
        // The same Bundle again is a resend; another impossible date under the same identifier is new content.
        queue(bundle).statusCode(200).body("entry[5].response.status", equalTo(BAD_REQUEST));
        queue(bundle.replace("2023-02-29", "2023-02-30")).statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("BUNDLE_IDENTIFIER_REUSED"));
    }

    private static ValidatableResponse upload(String... entries) {
        return uploadBundle(Plans.batch(null, entries));
    }

    private static ValidatableResponse uploadBundle(String bundle) {
        return given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(bundle)
                .when().post("/fhir").then();
    }

    private static void refusedWhole(String bundle) {
        uploadBundle(bundle).statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("MALFORMED_CONTENT"));
    }

    private static ValidatableResponse queue(String bundle) {
        return given().auth().oauth2(Tokens.laUpload()).header("Prefer", "respond-async")
                .contentType("application/fhir+json").body(bundle).when().post("/fhir").then();
    }
}
