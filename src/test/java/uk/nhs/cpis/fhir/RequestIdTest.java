package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdTest {

    @Test
    void shouldEchoTheCallersIds() {
        given().header("X-Request-ID", "req-123").header("X-Correlation-ID", "corr-456")
                .when().get("/fhir/metadata")
                .then().statusCode(200).header("X-Request-ID", equalTo("req-123"))
                .header("X-Correlation-ID", equalTo("corr-456"));
    }

    @Test
    void shouldMakeUpAnIdWhenMissingAndOnErrors() {
        given().contentType("application/fhir+json").body("{}").when().post("/fhir")
                .then().statusCode(401).header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void shouldReplaceAnIdThatCouldInjectIntoLogs() {
        given().header("X-Request-ID", "bad\tid with spaces").when().get("/fhir/metadata")
                .then().header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void shouldReplaceAnIdThatCouldBeAnNhsNumber() {
        for (String id : new String[] { "9990000018", "req-9434765919-x" }) {
            given().header("X-Request-ID", id).header("X-Correlation-ID", id).when().get("/fhir/metadata")
                    .then().header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"))
                    .header("X-Correlation-ID", matchesPattern("[0-9a-f-]{36}"));
        }
        for (String id : new String[] { "req-999000001", "req-1718294400123", "123e4567-e89b-12d3-a456-426614174000" }) {
            given().header("X-Request-ID", id).when().get("/fhir/metadata").then().header("X-Request-ID", equalTo(id));
        }
    }
}
