package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * The malformed resources that once answered 500 (and took their whole Bundle or load with them): an empty
 * or blank resourceType on a resource or its contained Patient, and an NHS number identifier whose value is
 * null, an array, an object or missing. Each is a 4xx for its own entry, request or line; the good ones
 * beside it are stored.
 */
@QuarkusTest
class MalformedResourceTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    private static final String FOUR_XX = "4\\d\\d .*";

    /** Each defect as an edit of a valid resource's JSON (CareTeam or Patient), named for the report. */
    static Stream<Arguments> defects() {
        return Stream.of(
                defect("resourceType \"\"", json -> json.replaceFirst("\"resourceType\":\"(CareTeam|Patient)\"",
                        "\"resourceType\":\"\"")),
                defect("resourceType \" \"", json -> json.replaceFirst("\"resourceType\":\"(CareTeam|Patient)\"",
                        "\"resourceType\":\" \"")),
                defect("identifier value null", json -> identifierValue(json, "null")),
                defect("identifier value []", json -> identifierValue(json, "[]")),
                defect("identifier value {}", json -> identifierValue(json, "{}")),
                defect("identifier value missing", json -> json.replaceFirst(
                        ",\"value\":\"\\d{10}\"", "")));
    }

    /** The same defects on the contained Patient of a CareTeam. */
    static Stream<Arguments> containedDefects() {
        return Stream.of(
                defect("contained resourceType \"\"", json -> json.replace("\"resourceType\":\"Patient\"",
                        "\"resourceType\":\"\"")),
                defect("contained resourceType \" \"", json -> json.replace("\"resourceType\":\"Patient\"",
                        "\"resourceType\":\" \"")));
    }

    static Stream<Arguments> careTeamDefects() {
        return Stream.concat(defects(), containedDefects());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("careTeamDefects")
    void shouldRefuseOnlyTheBadEntryOfABatch(String name, UnaryOperator<String> defect) {
        String good = TestPatients.register("Taylor", "Johnny", BORN);
        String bad = TestPatients.register("Evans", "Lucy", BORN);
        Plans.Builder badPlan = Plans.plan(bad, "Evans", BORN, Plans.CPP);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(Plans.plan(good, "Taylor", BORN, Plans.CPP)),
                        Plans.putEntry(badPlan.url(), defect.apply(compact(badPlan.json())))))
                .when().post("/fhir")
                .then().statusCode(200).body("type", equalTo("batch-response"))
                .body("entry", hasSize(2))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[1].response.status", matchesPattern(FOUR_XX))
                .body("entry[1].response.outcome.resourceType", equalTo("OperationOutcome"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("careTeamDefects")
    void shouldRefuseABadCareTeamPut(String name, UnaryOperator<String> defect) {
        String nhs = TestPatients.register("Taylor", "Johnny", BORN);
        Plans.Builder plan = Plans.plan(nhs, "Taylor", BORN, Plans.CPP);
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(defect.apply(compact(plan.json()))).when().put("/fhir/" + plan.url().replace("|", "%7C"))
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void shouldRefuseABadPatientPut(String name, UnaryOperator<String> defect) {
        String nhs = TestPatients.newNhsNumber();
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json")
                .body(defect.apply(compact(TestPatients.patientJson(nhs, "Taylor", "Johnny", BORN))))
                .when().put("/fhir/Patient/" + nhs)
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void shouldRefuseOnlyTheBadLineOfARegisterLoad(String name, UnaryOperator<String> defect) {
        String before = TestPatients.newNhsNumber();
        String bad = TestPatients.newNhsNumber();
        String after = TestPatients.newNhsNumber();
        String body = compact(TestPatients.patientJson(before, "Taylor", "Johnny", BORN)) + "\n"
                + defect.apply(compact(TestPatients.patientJson(bad, "Evans", "Lucy", BORN))) + "\n"
                + compact(TestPatients.patientJson(after, "Patel", "Noah", BORN)) + "\n";
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/api/admin/patients")
                .then().statusCode(200).body("received", equalTo(3)).body("stored", equalTo(2))
                .body("rejected", equalTo(1)).body("errors.line", contains(2))
                .body("errors[0].code", matchesPattern("[A-Z_]+"));
        // The good lines are in the register: a plan for each is accepted.
        for (String stored : new String[] { before, after }) {
            given().urlEncodingEnabled(false).auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                    .body(Plans.plan(stored, stored.equals(before) ? "Taylor" : "Patel", BORN, Plans.CPP).json())
                    .when().put("/fhir/" + Plans.url(stored, Plans.CPP).replace("|", "%7C"))
                    .then().statusCode(201);
        }
    }

    private static Arguments defect(String name, UnaryOperator<String> edit) {
        return Arguments.of(name, edit);
    }

    private static String identifierValue(String json, String value) {
        return json.replaceFirst("\"value\":\"(\\d{10})\"", "\"value\":" + value);
    }

    /** The JSON on one line with no spaces between tokens, so the edits above find their text. */
    private static String compact(String json) {
        return json.replaceAll("\\s*\n\\s*", "").replace("\", \"", "\",\"");
    }
}
