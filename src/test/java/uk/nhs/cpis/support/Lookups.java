package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;

import io.restassured.response.ValidatableResponse;

/** Clinical lookups through the HTTP API, and the plans they look at. */
public final class Lookups {
    public static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String RESTRICTED = "You cannot access this patient's record or documents. If you think "
            + "you've been restricted by mistake, speak to your privacy officer.";

    private Lookups() {
    }

    public static String patient(String nhsNumber) {
        return NHS_SYSTEM + "|" + nhsNumber;
    }

    public static ValidatableResponse details(String token, String nhsNumber) {
        return get("/fhir/CareTeam", token, nhsNumber);
    }

    public static ValidatableResponse presence(String token, String nhsNumber) {
        return get("/fhir/Flag", token, nhsNumber);
    }

    public static ValidatableResponse previousViews(String token, String nhsNumber) {
        return get("/fhir/AuditEvent", token, nhsNumber);
    }

    /** How many views of the patient previous views show, asked by a user of its own. */
    public static int viewCount(String nhsNumber) {
        return previousViews(Tokens.clinician(Tokens.newUserId()), nhsNumber).statusCode(200)
                .extract().path("total");
    }

    private static ValidatableResponse get(String path, String token, String nhsNumber) {
        return given().auth().oauth2(token).queryParam("patient:identifier", patient(nhsNumber))
                .when().get(path).then().log().ifValidationFails();
    }

    /** Uploads a plan as this LA and expects it stored. */
    public static void upload(Plans.Builder plan, String laCode) {
        given().auth().oauth2(Tokens.laUpload(laCode)).contentType("application/fhir+json").body(plan.la(laCode).json())
                .when().put("/fhir/" + plan.url())
                .then().log().ifValidationFails().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    /** A registered child with one CPP from LA330 starting {@code start}, and no end given. */
    public static String childWithPlan(LocalDate born, String start) {
        String nhs = TestPatients.register("Taylor", "Johnny", born);
        upload(Plans.plan(nhs, "Taylor", born, Plans.CPP).start(start), Tokens.LA);
        return nhs;
    }
}
