package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import uk.nhs.cpis.plan.NhsNumber;

/** Fresh test NHS numbers (999 range, valid check digit) and register entries made through the API. */
public final class TestPatients {
    // A random start per run, so reruns against a kept PostgreSQL database do not collide.
    private static final AtomicLong NEXT = new AtomicLong(999_000_000L + ThreadLocalRandom.current().nextLong(900_000));

    private TestPatients() {
    }

    public static String newNhsNumber() {
        while (true) {
            String nine = Long.toString(NEXT.getAndIncrement());
            String check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                return nine + check;
            }
        }
    }

    public static String patientJson(String nhsNumber, String family, String given, LocalDate birthDate) {
        return """
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                 "name":[{"family":"%s","given":["%s"]}],"gender":"female","birthDate":"%s",
                 "address":[{"postalCode":"NT1 1AA"}]}""".formatted(nhsNumber, nhsNumber, family, given, birthDate);
    }

    /** A newborn born {@code born} naming its mother, as the register receives it. */
    public static String newbornJson(String newborn, String mother, LocalDate born) {
        return """
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                 "extension":[{"url":"https://cpis.local/fhir/StructureDefinition/mother-nhs-number",
                   "valueIdentifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}}],
                 "name":[{"family":"Jones","given":["Baby"]}],"gender":"male","birthDate":"%s"}"""
                .formatted(newborn, newborn, mother, born);
    }

    /** The record of a superseded NHS number, {@code old}, replaced by {@code replacement}. */
    public static String supersededJson(String old, String replacement, String family, String given, LocalDate born) {
        return """
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                 "active":false,
                 "link":[{"type":"replaced-by","other":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number",
                   "value":"%s"}}}],
                 "name":[{"family":"%s","given":["%s"]}],"gender":"female","birthDate":"%s"}"""
                .formatted(old, old, replacement, family, given, born).replace("\n", "");
    }

    /** Loads one patient through the register's NDJSON load and expects it stored. */
    public static void load(String patientJson) {
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body((patientJson + "\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/admin/patients").then().statusCode(200).body("stored", equalTo(1));
    }

    /** Registers a patient and answers the NHS number. */
    public static String register(String family, String given, LocalDate birthDate) {
        String nhsNumber = newNhsNumber();
        register(patientJson(nhsNumber, family, given, birthDate), nhsNumber);
        return nhsNumber;
    }

    public static void register(String patientJson, String nhsNumber) {
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json").body(patientJson)
                .when().put("/fhir/Patient/" + nhsNumber)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }
}
