package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.path.json.JsonPath;

/** HTTP steps shared by the batch and feed tests. */
public final class Batches {
    // A random start per run, so that reruns against a kept PostgreSQL database get fresh LAs.
    private static final AtomicLong NEXT_LA = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000L));

    private Batches() {
    }

    /** An LA code no earlier test used: each test sees only its own notifications. */
    public static String freshLa() {
        return "LA" + NEXT_LA.incrementAndGet();
    }

    /** Registers a child born {@code yearsOld} years before {@code day} and uploads a CPP for it from {@code la}. */
    public static String childWithPlan(String la, Instant day, int yearsOld) {
        LocalDate today = LocalDate.ofInstant(day, java.time.ZoneOffset.UTC);
        LocalDate born = today.minusYears(yearsOld);
        String nhs = TestPatients.register("Taylor", "Johnny", born);
        uploadPlan(la, Plans.plan(nhs, "Taylor", born, Plans.CPP).la(la).start(today.minusDays(30).toString()));
        return nhs;
    }

    public static void uploadPlan(String la, Plans.Builder plan) {
        given().auth().oauth2(Tokens.laUpload(la)).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(plan))).when().post("/fhir")
                .then().statusCode(200).body("entry[0].response.status", org.hamcrest.Matchers.startsWith("20"));
    }

    /** Runs the batch to {@code cutoff} and answers the finished run. */
    public static JsonPath run(Instant cutoff) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"cutoff\":\"" + cutoff + "\"}").when().post("/api/batch-runs")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The LA's feed as its social worker {@code userId} sees it. */
    public static JsonPath feed(String la, String userId, String query) {
        return feed(Tokens.token("la-social-worker", la, userId), query);
    }

    public static JsonPath feed(String token, String query) {
        return given().auth().oauth2(token).when().get("/fhir/Communication" + (query.isEmpty() ? "" : "?" + query))
                .then().statusCode(200).extract().jsonPath();
    }
}
