package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** The first uploads of one plan racing each other: one creates it, the others replace it, none fails. */
@QuarkusTest
class ConcurrentPlanUploadTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    private static final int PLANS = 20;
    private static final int RACERS = 3;

    @Test
    void shouldCreateAPlanOnceWhenItsFirstUploadsArriveTogether() throws Exception {
        // An LA of its own (a random LA330 would count other tests' plans), new at every run.
        String la = "LR" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String token = Tokens.laUpload(la);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int k = 0; k < PLANS; k++) {
                String nhs = TestPatients.register("Race", "A", BORN);
                Plans.Builder plan = Plans.plan(nhs, "Race", BORN, Plans.CPP).la(la);
                String path = "/fhir/" + plan.url().replace("|", "%7C");
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int j = 0; j < RACERS; j++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().urlEncodingEnabled(false).auth().oauth2(token)
                                .contentType("application/fhir+json").body(plan.json()).when().put(path)
                                .then().extract().statusCode();
                    }));
                }
                int created = 0;
                for (Future<Integer> answer : answers) {
                    int status = answer.get();
                    assertTrue(status == 200 || status == 201, "a racing PUT got " + status);
                    created += status == 201 ? 1 : 0;
                }
                assertEquals(1, created, "exactly one of the racing PUTs creates the plan");
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token).when().get("/fhir/CareTeam?_count=1")
                .then().statusCode(200).body("total", equalTo(PLANS));
    }
}
