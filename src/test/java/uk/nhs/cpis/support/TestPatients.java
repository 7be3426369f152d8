package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

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
