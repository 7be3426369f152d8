package uk.nhs.cpis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Tokens;

/**
 * Clients trickling upload bodies cannot starve lookups and health: with more slow uploads open than the
 * worker pool has threads, a lookup and readiness still answer; uploads past the caps are refused at once
 * (429 with Retry-After) and the admitted ones are cut off when their body is late (408).
 */
@QuarkusTest
@TestProfile(SlowUploadTest.SmallPool.class)
class SlowUploadTest {
    private static final int WORKERS = 8;
    private static final int SLOW_UPLOADS = WORKERS + 4;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", Integer.toString(WORKERS),
                    "cpis.http.max-concurrent-uploads", "4",
                    "cpis.http.max-concurrent-uploads-per-org", "2",
                    "cpis.http.body-timeout", "4s");
        }
    }

    private final List<Socket> sockets = new ArrayList<>();
    /** Readiness, on the management interface as the orchestrator asks it. */
    @TestHTTPResource(value = "health/ready", management = true) // the management URL ends in /q
    URL readiness;

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void shouldAnswerLookupsAndHealthWhileSlowUploadsAreHeldThenRefuseAndCutThemOff() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();
        // Once before, so that what is timed below is the lookup, not the first use of its code
        // (which on a loaded machine can take longer than the timeout the held-uploads lookup gets).
        assertEquals(200, lookup(client, WARM_UP_TIMEOUT).statusCode());
        assertEquals(200, ready(client).statusCode());

        // Sent one at a time, each answered before the next: 100 Continue when admitted, else a refusal.
        // LA "SLA" sends three (its third passes its allowance of 2); then each other LA two, until the
        // total of 4 is reached; every later one is refused too.
        List<Socket> admitted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < SLOW_UPLOADS; i++) {
            String la = i < 3 ? "SLA" : "SL" + (char) ('B' + (i - 3) / 2);
            Socket socket = slowUpload(Tokens.laUpload(la));
            String first = statusLine(socket.getInputStream());
            if (first.contains(" 100 ")) {
                skipHeaders(socket.getInputStream());
                admitted.add(socket);
            } else {
                refusals.add(la + ": " + first + "\n" + rest(socket.getInputStream()));
            }
        }
        assertEquals(4, admitted.size(), "admitted: two of SLA's, two of SLB's; refused: " + refusals);
        assertTrue(refusals.get(0).startsWith("SLA: HTTP/1.1 429"), refusals.get(0));
        for (String refusal : refusals) {
            assertTrue(refusal.contains(" 429 "), refusal);
            assertTrue(refusal.toLowerCase().contains("retry-after: 5"), refusal);
            assertTrue(refusal.contains("TOO_MANY_UPLOADS"), refusal);
        }
        Thread trickle = trickle(admitted);

        // With the slow uploads held (more than the pool has threads), both answer.
        HttpResponse<String> lookup = lookup(client);
        assertEquals(200, lookup.statusCode(), lookup.body());
        HttpResponse<String> ready = ready(client);
        assertEquals(200, ready.statusCode(), ready.body());

        // The admitted uploads, still trickling, are cut off when their body is late.
        for (Socket socket : admitted) {
            socket.setSoTimeout(15_000);
            String answer = statusLine(socket.getInputStream()) + rest(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("REQUEST_TIMEOUT"), answer);
        }
        trickle.interrupt();

        // Their places are free again: an upload from the LA that was refused is taken.
        RestAssured.given().auth().oauth2(Tokens.laUpload("SLA")).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.deleteEntry("9434765919", Plans.CPP))).when().post("/fhir")
                .then().statusCode(200);
    }

    private static HttpResponse<String> lookup(HttpClient client) throws IOException, InterruptedException {
        return lookup(client, CLIENT_TIMEOUT);
    }

    private static HttpResponse<String> lookup(HttpClient client, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/fhir/Flag?patient:identifier="
                + "https://fhir.nhs.uk/Id/nhs-number%7C9434765919")).timeout(timeout)
                .header("Authorization", "Bearer " + Tokens.clinician(Tokens.newUserId())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> ready(HttpClient client) throws IOException, InterruptedException, URISyntaxException {
        return client.send(HttpRequest.newBuilder(readiness.toURI()).timeout(CLIENT_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket slowUpload(String token) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        sockets.add(socket);
        socket.setSoTimeout(10_000);
        String head = "POST /fhir HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** One byte every half second to each admitted upload, for at most 20 s. */
    private static Thread trickle(List<Socket> uploads) {
        Thread thread = new Thread(() -> {
            for (int beat = 0; beat < 40 && !Thread.currentThread().isInterrupted(); beat++) {
                for (Socket socket : uploads) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        // cut off by the server: nothing more to send
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slow-upload-trickle");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static String statusLine(InputStream in) throws IOException {
        return line(in);
    }

    private static void skipHeaders(InputStream in) throws IOException {
        while (!line(in).isEmpty()) {
            // the headers of 100 Continue, if any
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The rest of an answer: headers and as much body as arrives before the connection closes. */
    private static String rest(InputStream in) throws IOException {
        return "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
