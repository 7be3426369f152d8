package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Tokens;

/** A query parameter a request does not take, or one given twice, is refused (400), never ignored. */
@QuarkusTest
class UnknownQueryParameterTest {
    static Stream<Arguments> requests() {
        String admin = Tokens.admin();
        String privacyOfficer = Tokens.privacyOfficer("RX101", "po1");
        String laOfficer = Tokens.token("la-privacy-officer", "LA330", "po2");
        return Stream.of(
                Arguments.of(admin, "/api/batch-runs?status=running"),
                Arguments.of(admin, "/api/batch-runs/no-such-run?verbose=true"),
                Arguments.of(privacyOfficer, "/api/restrictions?userId=u1"),
                Arguments.of(privacyOfficer, "/api/restrictions/1?foo=1"),
                Arguments.of(laOfficer, "/api/la-restrictions?nhsNumber=9434765919"),
                Arguments.of(laOfficer, "/api/la-restrictions/review?foo=1"),
                Arguments.of(laOfficer, "/api/la-restrictions/review?asOf=2026-01-01&asOf=2027-01-01"),
                Arguments.of(laOfficer, "/api/la-restrictions/no-such-id?foo=1"),
                Arguments.of(laOfficer, "/api/la-restrictions/no-such-id/reviews?foo=1"),
                Arguments.of(Tokens.token("la-social-worker", "LA330", "sw1"), "/fhir/Communication/no-such-id?foo=1"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void shouldRefuseAParameterTheRequestDoesNotTake(String token, String pathAndQuery) {
        given().urlEncodingEnabled(false).auth().oauth2(token).when().get(pathAndQuery)
                .then().log().ifValidationFails().statusCode(400)
                .contentType(startsWith(pathAndQuery.startsWith("/fhir") ? "application/fhir+json" : "application/problem+json"))
                .body(pathAndQuery.startsWith("/fhir") ? "issue[0].details.coding[0].code" : "code",
                        equalTo("INVALID_PARAMETER"));
    }
}
