package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Tokens;

/** /q/metrics is scraped and kept by monitoring: no NHS number may reach it through a request path. */
@QuarkusTest
class HttpMetricsPrivacyTest {
    /** On the management interface, as Prometheus scrapes it. */
    @TestHTTPResource(value = "metrics", management = true) // the management URL ends in /q
    URL metrics;

    @Test
    void shouldKeepPathsOfUnmatchedRequestsOutOfTheRequestMetrics() {
        // A FHIR read this API does not offer: no method matches, so no route template names the path.
        given().auth().oauth2(Tokens.clinician("anna")).when().get("/fhir/Patient/9990000018")
                .then().statusCode(405);
        given().when().patch("/fhir/Patient/9434765919").then().statusCode(405);

        given().when().get(metrics).then().statusCode(200)
                .body(not(containsString("9990000018")), not(containsString("9434765919")))
                .body(containsString("uri=\"" + HttpMetricTags.METHOD_NOT_ALLOWED + "\""));
    }

    @Test
    void shouldLabelOnlyRouteTemplates() {
        // A NUL byte in the path once put the rest of the path, a name and birth date, into a uri label.
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.clinician("anna")).when()
                .get("/fhir/CareTeam%00Zebedee-Quistorp-2011-08-01").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().urlEncodingEnabled(false).when().get("/api/Zebedee%00Quistorp/2011-08-01")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().auth().oauth2(Tokens.clinician("anna"))
                .queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919")
                .when().get("/fhir/CareTeam").then().statusCode(200);

        given().when().get(metrics).then().statusCode(200)
                .body(not(containsString("Zebedee")), not(containsString("Quistorp")), not(containsString("2011-08-01")))
                .body(containsString("uri=\"/fhir/CareTeam\""));
    }
}
