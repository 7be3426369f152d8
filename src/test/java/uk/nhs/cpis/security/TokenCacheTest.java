package uk.nhs.cpis.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** Requests authenticate through the caching parser, and a cached token never lets a bad one through. */
@QuarkusTest
class TokenCacheTest {
    @Inject
    JWTParser parser;

    @Test
    void shouldAuthenticateThroughTheCachingParser() {
        assertInstanceOf(CachingJwtParser.class, parser);
    }

    @Test
    void shouldStillRefuseBadTokensOnceAGoodOneIsCached() {
        String nhs = TestPatients.newNhsNumber();
        String good = Tokens.clinician(Tokens.newUserId());
        Lookups.presence(good, nhs).statusCode(200);
        Lookups.presence(good, nhs).statusCode(200);

        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        Lookups.presence(tampered, nhs).statusCode(401);
        Lookups.presence(Tokens.expired("cpis-view", Tokens.HOSPITAL), nhs).statusCode(401);
        Lookups.presence(Tokens.wrongIssuer("cpis-view", Tokens.HOSPITAL), nhs).statusCode(401);
        Lookups.presence(Tokens.signedByAnotherKey("cpis-view", Tokens.HOSPITAL), nhs).statusCode(401);
        given().auth().oauth2(good).queryParam("patient:identifier", Lookups.patient(nhs)).when().get("/fhir/Flag")
                .then().statusCode(200);
    }
}
