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
}
