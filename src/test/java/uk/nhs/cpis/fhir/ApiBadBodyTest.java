package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** Malformed JSON bodies on every /api endpoint that reads one: a 400 problem, never a 5xx, and nothing stored. */
@QuarkusTest
class ApiBadBodyTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    // Organisations no other test uses, so that "nothing stored" can be read from their lists.
    private static final String HOSPITAL = "RX909";
    private static final String LA = "LA909";

    private static final String RESTRICTIONS = "/api/restrictions";
    private static final String LA_RESTRICTIONS = "/api/la-restrictions";
    private static final String LA_REVIEWS = "/api/la-restrictions/no-such-id/reviews";
    private static final String BATCH_RUNS = "/api/batch-runs";

    static Stream<Arguments> malformedBodies() {
        String nhs = TestPatients.newNhsNumber();
        return Stream.of(
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"nhsNumber\":\"" + nhs
                        + "\",\"userId\":\"u\",\"reason\":\"r\"}"),
                // Repeated once the record's constructor has all its arguments: a definition error in Jackson.
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"userId\":\"u\",\"reason\":\"r\",\"userId\":\"v\"}"),
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":{\"a\":1},\"userId\":\"u\",\"reason\":\"r\"}"),
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"userId\":\"u\",\"reason\":\"r\",\"colour\":1}"),
                // Wrong JSON types are refused, not converted: an NHS number as a JSON number, a note as one.
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":" + nhs + ",\"userId\":\"u\",\"reason\":\"r\"}"),
                Arguments.of(RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"userId\":true,\"reason\":\"r\"}"),
                Arguments.of(RESTRICTIONS, "null"),
                Arguments.of(RESTRICTIONS, "[]"),
                Arguments.of(RESTRICTIONS, "\"text\""),
                Arguments.of(RESTRICTIONS, "{"),
                Arguments.of(LA_RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"kind\":\"only-named-users\",\"kind\":"
                        + "\"only-named-users\",\"users\":[\"u\"],\"reason\":\"r\"}"),
                Arguments.of(LA_RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"kind\":\"only-named-users\","
                        + "\"users\":\"u\",\"reason\":\"r\"}"),
                Arguments.of(LA_RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"kind\":\"only-named-users\","
                        + "\"users\":[{\"id\":\"u\"}],\"reason\":\"r\"}"),
                Arguments.of(LA_RESTRICTIONS, "{\"nhsNumber\":\"" + nhs + "\",\"kind\":\"only-named-users\","
                        + "\"users\":[\"u\"],\"reason\":\"r\",\"reason\":\"s\"}"),
                Arguments.of(LA_RESTRICTIONS, "null"),
                Arguments.of(LA_RESTRICTIONS, "[]"),
                Arguments.of(LA_RESTRICTIONS, "42"),
                Arguments.of(LA_REVIEWS, "{\"outcome\":\"keep\",\"outcome\":\"lift\"}"),
                Arguments.of(LA_REVIEWS, "{\"outcome\":[\"keep\"]}"),
                Arguments.of(LA_REVIEWS, "{\"outcome\":\"keep\",\"note\":5}"),
                Arguments.of(LA_REVIEWS, "null"),
                Arguments.of(LA_REVIEWS, "[]"),
                Arguments.of(BATCH_RUNS, "{\"cutoff\":\"2026-01-01T00:00:00Z\",\"cutoff\":\"2026-01-02T00:00:00Z\"}"),
                Arguments.of(BATCH_RUNS, "{\"cutoff\":[1]}"),
                Arguments.of(BATCH_RUNS, "{\"cutoff\":\"yesterday\"}"),
                // Jackson would read a number as seconds since 1970.
                Arguments.of(BATCH_RUNS, "{\"cutoff\":12345}"),
                Arguments.of(BATCH_RUNS, "{\"cutoff\":1e300}"),
                Arguments.of(BATCH_RUNS, "null"),
                Arguments.of(BATCH_RUNS, "[]"),
                Arguments.of(BATCH_RUNS, "true"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void shouldRefuseAMalformedBodyWithAProblemAndStoreNothing(String path, String body) {
        String token = tokenFor(path);
        List<Object> runsBefore = ids(Tokens.admin(), BATCH_RUNS);
        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post(path).then().log().ifValidationFails()
                .statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400));
        assertEquals(List.of(), ids(Tokens.privacyOfficer(HOSPITAL, "po909"), RESTRICTIONS));
        assertEquals(List.of(), ids(laOfficer(), LA_RESTRICTIONS));
        assertEquals(runsBefore, ids(Tokens.admin(), BATCH_RUNS));
    }

    @Test
    void shouldNameTheRepeatedField() {
        String nhs = TestPatients.register("Repeat", "Key", LocalDate.of(2016, 4, 2));
        given().auth().oauth2(tokenFor(RESTRICTIONS)).contentType("application/json")
                .body("{\"nhsNumber\":\"" + nhs + "\",\"nhsNumber\":\"" + nhs + "\",\"userId\":\"u\",\"reason\":\"r\"}")
                .when().post(RESTRICTIONS).then().log().ifValidationFails()
                .statusCode(400).contentType(PROBLEM_JSON).body("code", equalTo("MALFORMED_CONTENT"))
                .body("detail", containsString("nhsNumber"));
    }

    private static String tokenFor(String path) {
        return switch (path) {
            case RESTRICTIONS -> Tokens.privacyOfficer(HOSPITAL, "po909");
            case BATCH_RUNS -> Tokens.admin();
            default -> laOfficer();
        };
    }

    private static String laOfficer() {
        return Tokens.token("la-privacy-officer", LA, "po909");
    }

    private static List<Object> ids(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200)
                .extract().jsonPath().getList("id");
    }
}
