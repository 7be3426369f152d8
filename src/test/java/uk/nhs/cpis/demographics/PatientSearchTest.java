package uk.nhs.cpis.demographics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * Clinicians finding a patient (seed 002): by NHS number, or by family name, gender and birth date,
 * with wildcards, ranges and fuzzy matching. Each test makes people with a given name of its own, so
 * that other tests' patients (kept in the database across runs) never match.
 */
@QuarkusTest
class PatientSearchTest {
    private final String token = Tokens.clinician(Tokens.newUserId());
    private final String given = randomLetters(10);
    private final String family = "Qz" + randomLetters(7);
    private final LocalDate born = LocalDate.of(2011, 8, 1 + ThreadLocalRandom.current().nextInt(28));

    private static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder().append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        for (int i = 1; i < count; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    private static String register(String family, String given, String gender, LocalDate born, String postcode) {
        String nhs = TestPatients.newNhsNumber();
        TestPatients.register("""
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                 "name":[{"family":"%s","given":["%s"]}],"gender":"%s","birthDate":"%s",
                 "address":[{"postalCode":"%s"}]}""".formatted(nhs, nhs, family, given, gender, born, postcode), nhs);
        return nhs;
    }

    private ValidatableResponse search(Map<String, ?> parameters) {
        return given().auth().oauth2(token).queryParams(parameters).when().get("/fhir/Patient")
                .then().log().ifValidationFails();
    }

    private ValidatableResponse search(String family, String birthdate, Map<String, ?> more) {
        var parameters = new java.util.HashMap<String, Object>(more);
        parameters.put("family", family);
        parameters.put("gender", "female");
        parameters.put("birthdate", birthdate);
        return search(parameters);
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/fhir+json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo(code));
    }

    @Test
    void shouldFindByNhsNumber() {
        String nhs = register(family, given, "female", born, "NT1 1AA");
        search(Map.of("identifier", Lookups.patient(nhs))).statusCode(200).body("type", equalTo("searchset"))
                .body("total", equalTo(1)).body("entry[0].resource.id", equalTo(nhs))
                .body("entry[0].resource.name[0].family", equalTo(family))
                .body("entry[0].resource.birthDate", equalTo(born.toString()));
        search(Map.of("identifier", Lookups.patient(TestPatients.newNhsNumber()))).statusCode(200)
                .body("total", equalTo(0));
        refused(search(Map.of("identifier", Lookups.patient("1234567890"))), 422, "INVALID_NHS_NUMBER");
        refused(search(Map.of("identifier", nhs)), 400, "INVALID_PARAMETER");
        refused(search(Map.of("identifier", Lookups.patient(nhs), "family", family)), 400, "INVALID_PARAMETER");
    }

    @Test
    void shouldFindByFamilyGenderAndBirthDateWithOptionalGivenAndPostcode() {
        String match = register(family, given, "female", born, "NT1 1AA");
        register(family, given, "male", born, "NT1 1AA");
        register(family, given, "female", born.plusDays(1), "NT1 1AA");
        String other = register(family, randomLetters(8), "female", born, "NT9 9ZZ");

        search(family, born.toString(), Map.of()).statusCode(200).body("total", equalTo(2))
                .body("entry.resource.id", containsInAnyOrder(match, other));
        search(family.toUpperCase(), born.toString(), Map.of("given", given.toLowerCase())).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(match)));
        search(family, born.toString(), Map.of("address-postalcode", "nt99zz")).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(other)));
        search(Map.of("family", family, "gender", "female", "birthdate", "eq" + born)).statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void shouldFindByAWildcardAtEitherEndOfTheFamilyName() {
        String nhs = register(family, given, "female", born, "NT1 1AA");
        search(family.substring(0, 3) + "*", born.toString(), Map.of("given", given)).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(nhs)));
        search("*" + family.substring(family.length() - 4), born.toString(), Map.of("given", given)).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(nhs)));
        // A prefix that differs from the family name in its fifth letter, whatever the random name is.
        String otherFifth = Character.toUpperCase(family.charAt(4)) == 'X' ? "y" : "x";
        search(family.substring(0, 4) + otherFifth + "*", born.toString(), Map.of("given", given)).statusCode(200)
                .body("total", equalTo(0));
        refused(search("Qz*", born.toString(), Map.of("given", given)), 400, "INVALID_PARAMETER");
        refused(search("*" + family + "*", born.toString(), Map.of("given", given)), 400, "INVALID_PARAMETER");
        refused(search("Qz*z" + family, born.toString(), Map.of("given", given)), 400, "INVALID_PARAMETER");
    }

    @Test
    void shouldFindByABirthDateRangeOnlyWithAGivenNameOrPostcode() {
        String nhs = register(family, given, "female", born, "NT1 1AA");
        Map<String, String> withGiven = Map.of("given", given);
        search(family, "2011-08", withGiven).statusCode(200).body("entry.resource.id", equalTo(List.of(nhs)));
        search(family, "2011", Map.of("address-postalcode", "NT1 1AA")).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(nhs)));
        search(family, "2012", withGiven).statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token).queryParam("family", family).queryParam("gender", "female")
                .queryParam("given", given).queryParam("birthdate", "ge2011-08-01")
                .queryParam("birthdate", "le2011-08-31").when().get("/fhir/Patient").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(nhs)));
        given().auth().oauth2(token).queryParam("family", family).queryParam("gender", "female")
                .queryParam("given", given).queryParam("birthdate", "gt" + born)
                .queryParam("birthdate", "le2011-12-31").when().get("/fhir/Patient").then().statusCode(200)
                .body("total", equalTo(0));

        refused(search(family, "2011-08", Map.of()), 400, "INVALID_PARAMETER");
        refused(search(family, "ge2011-08-01", Map.of()), 400, "INVALID_PARAMETER");
        for (String bad : List.of("2011-13", "2011-02-30", "11-08-2011", "yesterday", "ne2011", "2011-8")) {
            refused(search(family, bad, withGiven), 400, "INVALID_PARAMETER");
        }
    }

    @Test
    void shouldRefuseAYearOrAnUpperBoundAloneWithoutAGivenNameOrPostcode() {
        String nhs = register(family, given, "female", born, "NT1 1AA");
        refused(search(family, "2011", Map.of()), 400, "INVALID_PARAMETER");
        refused(search(family, "le2011-08-31", Map.of()), 400, "INVALID_PARAMETER");
        // The same ranges are good with a given name: the refusals above are for its absence.
        search(family, "2011", Map.of("given", given)).statusCode(200).body("entry.resource.id", equalTo(List.of(nhs)));
        search(family, "le2011-08-31", Map.of("given", given)).statusCode(200)
                .body("entry.resource.id", equalTo(List.of(nhs)));
    }

    @Test
    void shouldFindCommonMisspellingsWhenFuzzy() {
        String smith = register("Smith", given, "female", born, "NT1 1AA");
        String johnson = register("Johnson", given, "female", born, "NT1 1AA");
        Map<String, String> fuzzy = Map.of("given", given, "_fuzzy-match", "true");

        search("Smyth", born.toString(), Map.of("given", given)).statusCode(200).body("total", equalTo(0));
        search("Smyth", born.toString(), fuzzy).statusCode(200).body("entry.resource.id", equalTo(List.of(smith)));
        search("Smithe", born.toString(), fuzzy).statusCode(200).body("entry.resource.id", equalTo(List.of(smith)));
        search("Jonson", born.toString(), fuzzy).statusCode(200).body("entry.resource.id", equalTo(List.of(johnson)));
        search("Jones", born.toString(), fuzzy).statusCode(200).body("total", equalTo(0));
        refused(search("Smi*", born.toString(), fuzzy), 400, "INVALID_PARAMETER");
    }

    @Test
    void shouldAskToNarrowASearchMatchingMoreThanMaxResults() {
        for (int i = 0; i < 3; i++) {
            register(family, randomLetters(6), "female", born, "NT1 1AA");
        }
        refused(search(family, born.toString(), Map.of("_max-results", "2")), 422, "TOO_MANY_MATCHES");
        search(family, born.toString(), Map.of("_max-results", "2")).body("issue[0].diagnostics",
                org.hamcrest.Matchers.containsString("Narrow the search"));
        search(family, born.toString(), Map.of("_max-results", "3")).statusCode(200).body("total", equalTo(3));
        search(family, born.toString(), Map.of()).statusCode(200).body("total", equalTo(3));
        for (String bad : List.of("0", "51", "ten")) {
            refused(search(family, born.toString(), Map.of("_max-results", bad)), 400, "INVALID_PARAMETER");
        }
    }

    @Test
    void shouldAnswerTenMatchesByDefaultAndUpToFiftyWhenAsked() {
        for (int i = 0; i < 10; i++) {
            register(family, randomLetters(6), "female", born, "NT1 1AA");
        }
        search(family, born.toString(), Map.of()).statusCode(200).body("total", equalTo(10))
                .body("entry.size()", equalTo(10));
        register(family, randomLetters(6), "female", born, "NT1 1AA");
        refused(search(family, born.toString(), Map.of()), 422, "TOO_MANY_MATCHES");
        search(family, born.toString(), Map.of("_max-results", "50")).statusCode(200).body("total", equalTo(11))
                .body("entry.size()", equalTo(11));
    }

    @Test
    void shouldRefuseIncompleteOrUnknownParameters() {
        refused(search(Map.of("family", family, "birthdate", born.toString())), 400, "INVALID_PARAMETER");
        refused(search(Map.of("family", family, "gender", "female")), 400, "INVALID_PARAMETER");
        refused(search(Map.of("gender", "female", "birthdate", born.toString())), 400, "INVALID_PARAMETER");
        refused(search(Map.of()), 400, "INVALID_PARAMETER");
        refused(search(family, born.toString(), Map.of("nickname", "Jo")), 400, "INVALID_PARAMETER");
        refused(search(family, born.toString(), Map.of("_fuzzy-match", "maybe")), 400, "INVALID_PARAMETER");
        refused(search(Map.of("family", family, "gender", "f", "birthdate", born.toString())), 400,
                "INVALID_PARAMETER");
        refused(search("***", born.toString(), Map.of()), 400, "INVALID_PARAMETER");
    }

    @Test
    void shouldLetB0170UsersSearchAndRecordNoView() {
        String nhs = Lookups.childWithPlan(born, "2025-05-01");
        given().auth().oauth2(Tokens.noAsn(Tokens.newUserId())).queryParam("identifier", Lookups.patient(nhs))
                .when().get("/fhir/Patient").then().statusCode(200).body("total", equalTo(1));
        search(Map.of("identifier", Lookups.patient(nhs))).statusCode(200).body("total", equalTo(1));
        assertEquals(0, Lookups.viewCount(nhs), "a search is not an access event");
    }
}
