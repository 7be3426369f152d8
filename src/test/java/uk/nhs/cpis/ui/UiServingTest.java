package uk.nhs.cpis.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The web front end is served by the service itself; the development sign-in exists in dev mode only. */
@QuarkusTest
class UiServingTest {
    @Test
    void theSignInPageIsServedUnderUi() {
        given().when().get("/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>Sign in"));
    }

    @Test
    void pagesHoldNoInlineScriptSoThatAStrictContentSecurityPolicyCanApply() {
        for (String page : new String[] { "index.html", "clinician.html", "inbox.html" }) {
            given().when().get("/ui/" + page).then().statusCode(200)
                    .body(not(containsString("<script>"))).body(not(containsString(" onclick=")))
                    .body(not(containsString(" style=")));
        }
    }

    @Test
    void developmentTokensAreNotOfferedOutsideDevMode() {
        given().when().get("/ui/dev/tokens").then().statusCode(404);
        given().when().post("/ui/dev/tokens/cpis-admin").then().statusCode(404);
    }
}
