package uk.nhs.cpis.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.cpis.support.Tokens;

/**
 * A raw '|' in a query (an identifier token copied as FHIR documents print it) is refused with an
 * OperationOutcome saying what to percent-encode, not an empty 400; an NHS number typed with spaces is
 * refused with a message naming the spaces.
 */
@QuarkusTest
class RequestLineTest {
    @TestHTTPResource("/")
    URL server;

    @Test
    void shouldTellTheClientToPercentEncodeARawBar() throws IOException {
        String answer = rawGet("/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919",
                Tokens.clinician("555000000001"));
        String[] headAndBody = answer.split("\r\n\r\n", 2);
        assertTrue(headAndBody[0].startsWith("HTTP/1.1 400"), headAndBody[0]);
        assertTrue(headAndBody[0].toLowerCase().contains("content-type: application/fhir+json"), headAndBody[0]);
        assertTrue(headAndBody[0].toLowerCase().contains("x-content-type-options: nosniff"), headAndBody[0]);
        JsonPath outcome = JsonPath.from(headAndBody[1]);
        assertEquals("OperationOutcome", outcome.getString("resourceType"));
        assertEquals("INVALID_REQUEST", outcome.getString("issue[0].details.coding[0].code"));
        String diagnostics = outcome.getString("issue[0].diagnostics");
        assertTrue(diagnostics.contains("'|'") && diagnostics.contains("%7C"), diagnostics);
        assertFalse(diagnostics.contains("9434765919|") || diagnostics.contains("nhs-number|9434765919"),
                "the refusal never quotes the request: " + diagnostics);
    }

    @Test
    void shouldAnswerProblemJsonOutsideFhir() throws IOException {
        String answer = rawGet("/api/la-restrictions?x=a|b", Tokens.token("la-privacy-officer", "LA330", "po1"));
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("%7C"), answer);
    }

    @Test
    void shouldNameTheSpacesOfAnNhsNumberTypedAsPrinted() {
        given().auth().oauth2(Tokens.clinician("555000000001"))
                .queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|943 476 5919")
                .when().get("/fhir/Flag")
                .then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("INVALID_NHS_NUMBER"))
                .body("issue[0].diagnostics", containsString("contains spaces"));
        given().auth().oauth2(Tokens.clinician("555000000001"))
                .queryParam("identifier", "https://fhir.nhs.uk/Id/nhs-number|943 476 5919")
                .when().get("/fhir/Patient")
                .then().statusCode(422).body("issue[0].diagnostics", containsString("contains spaces"));
    }

    @Test
    void shouldStillAnswerAPercentEncodedBar() {
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.clinician("555000000001"))
                .when().get("/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765919")
                .then().statusCode(200).body("resourceType", equalTo("Bundle"));
    }

    private String rawGet(String pathAndQuery, String token) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
