package uk.nhs.cpis.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** The 401/403 matrix of spec section 1, each answered with an OperationOutcome. */
@QuarkusTest
class AccessControlTest {
    /** Health and metrics live on the management interface (quarkus.management.*), not on the API port. */
    @TestHTTPResource(value = "health", management = true) // the management URL ends in /q
    URL health;
    @TestHTTPResource(value = "metrics", management = true) // the management URL ends in /q
    URL metrics;
    private static final String UPLOAD = Plans.batch(null, Plans.deleteEntry("9434765919", Plans.CPP));

    @Test
    void shouldRefuseARequestWithoutAToken() {
        unauthorised(given());
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() {
        unauthorised(given().auth().oauth2(Tokens.signedByAnotherKey("la-upload", Tokens.LA)));
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        unauthorised(given().auth().oauth2(Tokens.expired("la-upload", Tokens.LA)));
    }

    @Test
    void shouldRefuseATokenFromAnotherIssuer() {
        unauthorised(given().auth().oauth2(Tokens.wrongIssuer("la-upload", Tokens.LA)));
    }

    @Test
    void shouldRefuseAMalformedToken() {
        unauthorised(given().header("Authorization", "Bearer not.a.jwt"));
    }

    @Test
    void shouldRefuseATokenWhoseIdentityIsTooLongToRecord() {
        unauthorised(given().auth().oauth2(Tokens.claims("la-upload", Tokens.LA, "9".repeat(65)).sign()));
        given().auth().oauth2(Tokens.claims("cpis-view", Tokens.HOSPITAL, "U1").claim("name", "N".repeat(201)).sign())
                .queryParam("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919")
                .when().get("/fhir/CareTeam")
                .then().statusCode(401).body("issue[0].details.coding[0].code", equalTo("UNAUTHORISED"));
        given().auth().oauth2(Tokens.claims("la-privacy-officer", "L".repeat(17), "U1").sign())
                .contentType("application/json").body("{}").when().post("/api/la-restrictions")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpis-view", "cpis-view-no-asn", "la-social-worker", "la-privacy-officer",
            "privacy-officer", "cpis-admin" })
    void shouldRefuseUploadsFromEveryOtherRole(String role) {
        given().auth().oauth2(Tokens.token(role, Tokens.LA, "U1")).contentType("application/fhir+json").body(UPLOAD)
                .when().post("/fhir")
                .then().statusCode(403).contentType(containsFhirJson())
                .body("issue[0].details.coding[0].code", equalTo("FORBIDDEN"));
    }

    @Test
    void shouldRefusePatientLoadsFromAnLa() {
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+ndjson").body(new byte[0])
                .when().post("/api/admin/patients")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void shouldRefuseAnotherOrganisationsPlan() {
        LocalDate born = LocalDate.of(2015, 1, 1);
        String nhs = TestPatients.register("Other", "Child", born);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.plan(nhs, "Other", born, Plans.CPP).la(Tokens.OTHER_LA).json())
                .when().put("/fhir/" + Plans.url(nhs, Plans.CPP))
                .then().statusCode(403).body("issue[0].details.coding[0].code", equalTo("ORGANISATION_MISMATCH"));
    }

    @Test
    void shouldKeepEachLasPlansApart() {
        LocalDate born = LocalDate.of(2015, 1, 1);
        String nhs = TestPatients.register("Apart", "Child", born);
        given().auth().oauth2(Tokens.laUpload(Tokens.OTHER_LA)).contentType("application/fhir+json")
                .body(Plans.plan(nhs, "Apart", born, Plans.CPP).la(Tokens.OTHER_LA).json())
                .when().put("/fhir/" + Plans.url(nhs, Plans.CPP)).then().statusCode(201);
        // LA330 holds no plan under this key: its withdrawal cannot touch LA602's plan.
        given().auth().oauth2(Tokens.laUpload()).when().delete("/fhir/" + Plans.url(nhs, Plans.CPP))
                .then().statusCode(404);
    }

    @Test
    void shouldLeaveHealthAndMetadataOpen() {
        given().when().get(health + "/live").then().statusCode(200);
        given().when().get(health + "/ready").then().statusCode(200);
        given().when().get(health + "/started").then().statusCode(200);
        given().when().get("/fhir/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"));
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPortOnly() {
        // The Kubernetes Service exposes the API port alone, so /q/metrics and /q/health are never public.
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get(metrics).then().statusCode(200);
    }

    private static void unauthorised(RequestSpecification request) {
        request.contentType("application/fhir+json").body(UPLOAD).when().post("/fhir")
                .then().statusCode(401).contentType(containsFhirJson())
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("UNAUTHORISED"));
    }

    private static String containsFhirJson() {
        return "application/fhir+json";
    }
}
