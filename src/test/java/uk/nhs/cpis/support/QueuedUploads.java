package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.response.Response;

/** Queued uploads (Prefer: respond-async) as an LA system follows them. */
public final class QueuedUploads {
    private QueuedUploads() {
    }

    /** Polls the status URL until it stops answering 202, for at most a minute. */
    public static Response awaitFinalAnswer(String status) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Response answer;
        do {
            answer = given().auth().oauth2(Tokens.laUpload()).when().get(status);
            Thread.onSpinWait();
        } while (answer.statusCode() == 202 && System.nanoTime() < deadline);
        assertNotEquals(202, answer.statusCode(), "the queued upload never reached a final answer");
        return answer;
    }
}
