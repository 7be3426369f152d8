package uk.nhs.cpis.demographics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.RegisterFaults;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * What the register refuses, and what a refused or unstorable line costs in a bulk load: only itself,
 * as a 4xx or a per-line error, never a 500.
 */
@QuarkusTest
class RegisterRefusalTest {
    private static final LocalDate BORN = LocalDate.of(2012, 4, 1);

    @Inject
    RegisterFaults faults;
    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        faults.reset();
        clock.reset();
    }

    @Test
    void shouldRefuseTextsLongerThanTheRegisterHolds() {
        String nhs = TestPatients.newNhsNumber();
        refused(put(nhs, TestPatients.patientJson(nhs, "J".repeat(300), "Ava", BORN)), "Patient.name.family");
        refused(put(nhs, TestPatients.patientJson(nhs, "Jones", "A".repeat(200), BORN)), "Patient.name.given");
        refused(put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", BORN).replace("NT1 1AA", "NT1 1AA NT1 1AA 12")),
                "Patient.address.postalCode");
        // 101 letters, but 202 once upper-cased for the search key.
        refused(put(nhs, TestPatients.patientJson(nhs, "ß".repeat(101), "Ava", BORN)), "Patient.name.family");
        // PostgreSQL refuses NUL in a text.
        refused(put(nhs, TestPatients.patientJson(nhs, "Jo\\u0000nes", "Ava", BORN)), "Patient.name.family");
        // The widest accepted: "given family" still fits a notification's patient name (400).
        put(nhs, TestPatients.patientJson(nhs, "J".repeat(200), "A".repeat(199), BORN)).statusCode(201);
    }

    @Test
    void shouldStoreNoTextForAGivenNameThatHasOnlyAnExtension() {
        String nhs = TestPatients.newNhsNumber();
        String json = TestPatients.patientJson(nhs, "Jones", "Ava", BORN).replace("\"given\":[\"Ava\"]",
                "\"given\":[\"Ava\",null],\"_given\":[null,{\"extension\":[{\"url\":\"https://example.org/x\","
                        + "\"valueString\":\"x\"}]}]");
        put(nhs, json).statusCode(201);
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId()))
                .queryParam("identifier", "https://fhir.nhs.uk/Id/nhs-number|" + nhs)
                .when().get("/fhir/Patient").then().statusCode(200).body("entry[0].resource.name[0].given",
                        contains("Ava"));
    }

    @Test
    void shouldRefuseAnOverlongLineAndStoreTheOthers() {
        String before = TestPatients.newNhsNumber();
        String overlong = TestPatients.newNhsNumber();
        String after = TestPatients.newNhsNumber();
        load(TestPatients.patientJson(before, "Patel", "Noah", BORN),
                TestPatients.patientJson(overlong, "P".repeat(300), "Noah", BORN),
                TestPatients.patientJson(after, "Patel", "Noah", BORN))
                .body("received", equalTo(3)).body("stored", equalTo(2)).body("rejected", equalTo(1))
                .body("errors.line", contains(2)).body("errors.code", contains("INVALID_RESOURCE"));
        assertRegistered(before, 1);
        assertRegistered(overlong, 0);
        assertRegistered(after, 1);
    }

    @Test
    void shouldReportALineTheDatabaseRefusesAndStoreTheRestOfItsChunk() {
        String before = TestPatients.newNhsNumber();
        String failing = TestPatients.newNhsNumber();
        String after = TestPatients.newNhsNumber();
        faults.failFor(failing);
        load(TestPatients.patientJson(before, "Patel", "Noah", BORN), "{not json",
                TestPatients.patientJson(failing, "Patel", "Noah", BORN),
                TestPatients.patientJson(after, "Patel", "Noah", BORN))
                .body("received", equalTo(4)).body("stored", equalTo(2)).body("rejected", equalTo(2))
                .body("errors.line", contains(2, 3)).body("errors.code", contains("MALFORMED_CONTENT", "INTERNAL_ERROR"));
        assertRegistered(before, 1);
        assertRegistered(failing, 0);
        assertRegistered(after, 1);
    }

    @Test
    void shouldRefuseAPatientReplacedByItsOwnNumber() {
        String nhs = TestPatients.newNhsNumber();
        refused(put(nhs, TestPatients.supersededJson(nhs, nhs, "Brown", "Sam", BORN)), "Patient.link.other");
        load(TestPatients.supersededJson(nhs, nhs, "Brown", "Sam", BORN)).body("stored", equalTo(0))
                .body("errors.code", contains("INVALID_RESOURCE"));
    }

    @Test
    void shouldRefuseTwoNumbersReplacingEachOther() {
        String a = TestPatients.newNhsNumber();
        String b = TestPatients.newNhsNumber();
        put(b, TestPatients.supersededJson(b, a, "Brown", "Sam", BORN)).statusCode(201);
        refused(put(a, TestPatients.supersededJson(a, b, "Brown", "Sam", BORN)), "Patient.link.other");
        load(TestPatients.supersededJson(a, b, "Brown", "Sam", BORN)).body("stored", equalTo(0))
                .body("errors.code", contains("INVALID_RESOURCE"));

        // Within one load: the second line would undo the first.
        String c = TestPatients.newNhsNumber();
        String d = TestPatients.newNhsNumber();
        load(TestPatients.supersededJson(c, d, "Brown", "Sam", BORN), TestPatients.supersededJson(d, c, "Brown", "Sam", BORN))
                .body("stored", equalTo(1)).body("errors.line", contains(2))
                .body("errors.code", contains("INVALID_RESOURCE"));
    }

    @Test
    void shouldSkipALeadingByteOrderMark() {
        String first = TestPatients.newNhsNumber();
        String second = TestPatients.newNhsNumber();
        String ndjson = "\uFEFF" + TestPatients.patientJson(first, "Patel", "Noah", BORN).replace("\n", "") + "\n"
                + TestPatients.patientJson(second, "Patel", "Noah", BORN).replace("\n", "") + "\n";
        loadBody(ndjson.getBytes(StandardCharsets.UTF_8)).body("received", equalTo(2)).body("stored", equalTo(2));
        assertRegistered(first, 1);
    }

    @Test
    void shouldRefuseABirthDateAfterTodayInLondon() {
        String nhs = TestPatients.newNhsNumber();
        refused(put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", LocalDate.of(2099, 1, 1))), "Patient.birthDate");
        load(TestPatients.patientJson(nhs, "Jones", "Ava", LocalDate.of(2099, 1, 1))).body("stored", equalTo(0))
                .body("errors.code", contains("INVALID_RESOURCE"));

        // 23:30 UTC on 30 June is already 1 July in London (BST).
        clock.set(Instant.parse("2026-06-30T23:30:00Z"));
        put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", LocalDate.of(2026, 7, 1))).statusCode(201);
        refused(put(nhs, TestPatients.patientJson(nhs, "Jones", "Ava", LocalDate.of(2026, 7, 2))), "Patient.birthDate");
    }

    static ValidatableResponse put(String nhs, String json) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json")
                .body(json.getBytes(StandardCharsets.UTF_8))
                .when().put("/fhir/Patient/" + nhs).then().log().ifValidationFails();
    }

    static ValidatableResponse load(String... patients) {
        String ndjson = String.join("\n", List.of(patients).stream().map(p -> p.replace("\n", "")).toList()) + "\n";
        return loadBody(ndjson.getBytes(StandardCharsets.UTF_8));
    }

    static ValidatableResponse loadBody(byte[] body) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson").body(body)
                .when().post("/api/admin/patients").then().log().ifValidationFails().statusCode(200);
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(422).body("issue[0].details.coding[0].code", equalTo("INVALID_RESOURCE"))
                .body("issue[0].expression[0]", equalTo(field));
    }

    private static void assertRegistered(String nhs, int count) {
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId()))
                .queryParam("identifier", "https://fhir.nhs.uk/Id/nhs-number|" + nhs)
                .when().get("/fhir/Patient").then().statusCode(200).body("total", equalTo(count));
    }
}
