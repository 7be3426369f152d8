package uk.nhs.cpis.demographics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;
import uk.nhs.cpis.upload.UploadValidationTestAccess;

/** cpis-admin loading the demographics register, one patient or a streamed NDJSON file. */
@QuarkusTest
class DemographicsRegisterTest {
    private static final LocalDate BORN = LocalDate.of(2012, 4, 1);

    @Test
    void shouldCreateThenReplaceAPatient() {
        String nhs = TestPatients.newNhsNumber();
        put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", BORN)).then().statusCode(201)
                .header("Location", equalTo("Patient/" + nhs)).body("name[0].family", equalTo("Jones"))
                .body("birthDate", equalTo("2012-04-01"));
        put(nhs, TestPatients.patientJson(nhs, "Jones-Smith", "Ava", BORN)).then().statusCode(200)
                .body("name[0].family", equalTo("Jones-Smith"));
    }

    @Test
    void shouldRefuseInvalidNhsNumbersAndMismatches() {
        put("9434765918", TestPatients.patientJson("9434765918", "Jones", "Ava", BORN)).then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("INVALID_NHS_NUMBER"));
        String nhs = TestPatients.newNhsNumber();
        put(nhs, TestPatients.patientJson(TestPatients.newNhsNumber(), "Jones", "Ava", BORN)).then().statusCode(422);
        put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", BORN).replace("\"birthDate\":\"2012-04-01\",", ""))
                .then().statusCode(422).body("issue[0].expression[0]", equalTo("Patient.birthDate"));
    }

    @Test
    void shouldRefuseAnInactivePatientWithoutItsReplacement() {
        String nhs = TestPatients.newNhsNumber();
        put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", BORN).replace("\"gender\"", "\"active\":false,\"gender\""))
                .then().statusCode(422).body("issue[0].expression[0]", equalTo("Patient.link"));
    }

    @Test
    void shouldStoreTheMothersNhsNumberOfANewborn() {
        String mother = TestPatients.register("Brown", "Tracy", LocalDate.of(2007, 5, 20));
        String baby = TestPatients.newNhsNumber();
        put(baby, TestPatients.newbornJson(baby, mother, LocalDate.of(2026, 11, 20))).then().statusCode(201)
                .body("extension[0].url", equalTo("https://cpis.local/fhir/StructureDefinition/mother-nhs-number"))
                .body("extension[0].valueIdentifier.value", equalTo(mother));
    }

    @Test
    void shouldLoadNdjsonWithCountsAndPerLineErrors() {
        String good = TestPatients.newNhsNumber();
        String superseded = TestPatients.newNhsNumber();
        String ndjson = String.join("\n", List.of(
                compact(TestPatients.patientJson(good, "Patel", "Noah", BORN)),
                "{not json",
                compact(TestPatients.patientJson("1234567890", "Patel", "Noah", BORN)),
                "",
                compact("""
                        {"resourceType":"Patient","id":"%s","active":false,"name":[{"family":"Green"}],
                         "gender":"male","birthDate":"2012-01-01",
                         "link":[{"other":{"reference":"Patient/%s"},"type":"replaced-by"}]}""".formatted(superseded, good)),
                compact("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")));
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/admin/patients")
                .then().statusCode(200).body("received", equalTo(5)).body("stored", equalTo(2))
                .body("rejected", equalTo(3)).body("errors", hasSize(3))
                .body("errors.line", contains(2, 3, 6))
                .body("errors.code", contains("MALFORMED_CONTENT", "INVALID_NHS_NUMBER", "MALFORMED_CONTENT"));
        // The superseded number is stored: an upload under it is refused and names the new one.
        UploadValidationTestAccess.uploadFirstStatus(Plans.putEntry(Plans.plan(superseded, "Green", LocalDate.of(2012, 1, 1),
                Plans.CPP)), "422 Unprocessable Entity");
    }

    @Test
    void shouldStreamALargeLoadInChunks() {
        int count = 2500;
        String[] numbers = new String[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = TestPatients.newNhsNumber();
        }
        InputStream body = new SequenceInputStream(Collections.enumeration(java.util.Arrays.stream(numbers)
                .map(n -> (InputStream) new java.io.ByteArrayInputStream(
                        (compact(TestPatients.patientJson(n, "Bulk", "Child", BORN)) + "\n").getBytes(StandardCharsets.UTF_8)))
                .toList()));
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson").body(body)
                .when().post("/api/admin/patients")
                .then().statusCode(200).body("received", equalTo(count)).body("stored", equalTo(count))
                .body("rejected", equalTo(0));
    }

    @Test
    void shouldRefuseTheWrongContentType() {
        given().auth().oauth2(Tokens.admin()).contentType("text/csv").body("a,b")
                .when().post("/api/admin/patients")
                .then().statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    private static io.restassured.response.Response put(String nhs, String json) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json").body(json)
                .when().put("/fhir/Patient/" + nhs);
    }

    private static String compact(String json) {
        return json.replace("\n", "");
    }
}
