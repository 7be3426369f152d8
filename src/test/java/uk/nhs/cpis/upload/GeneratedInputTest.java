package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * Mutations of valid requests to every endpoint that takes a body, from a fixed seed: a value replaced
 * (null, "", " ", [], {}, a number, a boolean, a long text, a NUL, an impossible date), a field removed or an
 * unknown one added, anywhere in the JSON. No answer may be a 5xx, and the untouched entry of each batch
 * Bundle and the untouched line of each register load are stored. Several mutations share a request (a
 * Bundle's entries, a load's lines) and the application is shared with the other tests, so a few thousand
 * cases take well under a minute. A failure names the seed's case number: rerun with that seed to see it.
 */
@QuarkusTest
class GeneratedInputTest {
    private static final long SEED = 20261205L;
    private static final LocalDate BORN = LocalDate.of(2015, 3, 4);
    /** The test profile answers at most 5 entries at once: one untouched, four mutated. */
    private static final int BATCHES = 160;
    private static final int LOADS = 15;
    private static final int LINES_PER_LOAD = 100;
    private static final int SINGLE_REQUESTS = 150;
    private static final int JSON_REQUESTS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Supplier<JsonNode>> VALUES = List.of(NODES::nullNode, () -> NODES.textNode(""),
            () -> NODES.textNode(" "), NODES::arrayNode, NODES::objectNode, () -> NODES.numberNode(0),
            () -> NODES.numberNode(-1), () -> NODES.numberNode(1.5), () -> NODES.booleanNode(true),
            () -> NODES.numberNode(new BigInteger("99999999999999999999999")), () -> NODES.textNode("x".repeat(700)),
            () -> NODES.textNode("\u0000"), () -> NODES.textNode("2023-02-30"), () -> NODES.textNode("9434765919"),
            () -> NODES.arrayNode().add(NODES.nullNode()), () -> NODES.arrayNode().add(NODES.objectNode()),
            () -> NODES.objectNode().set("resourceType", NODES.textNode("")));

    private final List<String> patients = new ArrayList<>();
    private final Random random = new Random(SEED);
    private int cases;

    private void registerPatients() {
        StringBuilder load = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String nhs = TestPatients.newNhsNumber();
            patients.add(nhs);
            load.append(oneLine(TestPatients.patientJson(nhs, "Generated", "Child", BORN))).append('\n');
        }
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body(load.toString().getBytes(StandardCharsets.UTF_8)).when().post("/api/admin/patients")
                .then().statusCode(200);
    }

    @Test
    void shouldAnswerEveryMutatedWriteWithoutA5xxAndStoreTheUntouchedOnes() throws JsonProcessingException {
        registerPatients();
        batchUploads();
        singleCareTeams();
        patientPuts();
        registerLoads();
        jsonEndpoints();
        assertTrue(cases >= 2500, "cases generated: " + cases);
    }

    private void batchUploads() throws JsonProcessingException {
        for (int i = 0; i < BATCHES; i++) {
            String untouched = patients.get(i % 10);
            List<String> entries = new ArrayList<>(List.of(Plans.putEntry(plan(untouched))));
            for (int m = 0; m < 4; m++) {
                entries.add(mutate(Plans.putEntry(plan(patients.get(10 + random.nextInt(10))))));
            }
            Response answer = given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                    .body(Plans.batch(null, entries.toArray(String[]::new))).when().post("/fhir");
            noServerError(answer, "batch");
            assertEquals(200, answer.statusCode(), "a fault inside entries refuses only them: " + answer.asString());
            List<String> statuses = answer.jsonPath().getList("entry.response.status");
            assertTrue(statuses.get(0).startsWith("20"), "the untouched entry is stored: " + statuses);
            statuses.forEach(status -> assertFalse(status.startsWith("5"), "case " + cases + ": " + statuses));
        }
    }

    private void singleCareTeams() throws JsonProcessingException {
        for (int i = 0; i < SINGLE_REQUESTS; i++) {
            Plans.Builder plan = plan(patients.get(10 + random.nextInt(10)));
            noServerError(given().urlEncodingEnabled(false).auth().oauth2(Tokens.laUpload())
                    .contentType("application/fhir+json").body(mutate(plan.json()))
                    .when().put("/fhir/" + plan.url().replace("|", "%7C")), "CareTeam PUT");
        }
    }

    private void patientPuts() throws JsonProcessingException {
        for (int i = 0; i < SINGLE_REQUESTS; i++) {
            String nhs = TestPatients.newNhsNumber();
            noServerError(given().auth().oauth2(Tokens.admin()).contentType("application/fhir+json")
                    .body(mutate(TestPatients.patientJson(nhs, "Generated", "Child", BORN)))
                    .when().put("/fhir/Patient/" + nhs), "Patient PUT");
        }
    }

    private void registerLoads() throws JsonProcessingException {
        for (int i = 0; i < LOADS; i++) {
            int untouchedLine = 1 + random.nextInt(LINES_PER_LOAD);
            String untouched = TestPatients.newNhsNumber();
            StringBuilder body = new StringBuilder();
            for (int line = 1; line <= LINES_PER_LOAD; line++) {
                String patient = TestPatients.patientJson(line == untouchedLine ? untouched : TestPatients.newNhsNumber(),
                        "Generated", "Child", BORN);
                body.append(line == untouchedLine ? oneLine(patient) : mutate(patient)).append('\n');
            }
            Response answer = given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                    .body(body.toString().getBytes(StandardCharsets.UTF_8)).when().post("/api/admin/patients");
            noServerError(answer, "register load");
            JsonPath report = answer.jsonPath();
            assertEquals(LINES_PER_LOAD, report.getInt("received"));
            List<Integer> refused = report.getList("errors.line", Integer.class);
            assertFalse(refused.contains(untouchedLine), "the untouched line " + untouchedLine + " is stored");
            report.getList("errors.code", String.class).forEach(code -> assertFalse(code.equals("INTERNAL_ERROR")));
            // Stored, so a plan for it is accepted.
            given().urlEncodingEnabled(false).auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                    .body(Plans.plan(untouched, "Generated", BORN, Plans.CPP).json())
                    .when().put("/fhir/" + Plans.url(untouched, Plans.CPP).replace("|", "%7C")).then().statusCode(201);
        }
    }

    private void jsonEndpoints() throws JsonProcessingException {
        String restricted = patients.get(0);
        String laOfficer = Tokens.token("la-privacy-officer", Tokens.LA, "gen-po");
        String created = given().auth().oauth2(laOfficer).contentType("application/json")
                .body(laRestriction(restricted)).when().post("/api/la-restrictions")
                .then().statusCode(201).extract().path("id");
        List<Endpoint> endpoints = List.of(
                new Endpoint("/api/restrictions", Tokens.privacyOfficer(Tokens.HOSPITAL, "gen-po"), "application/json",
                        n -> "{\"nhsNumber\":\"%s\",\"userId\":\"%s\",\"reason\":\"Generated\"}".formatted(n,
                                Tokens.newUserId())),
                new Endpoint("/api/la-restrictions", laOfficer, "application/json", GeneratedInputTest::laRestriction),
                new Endpoint("/api/la-restrictions/" + created + "/reviews", laOfficer, "application/json",
                        n -> "{\"outcome\":\"keep\",\"note\":\"Generated\"}"),
                new Endpoint("/fhir/Communication/$acknowledge",
                        Tokens.token("la-social-worker", Tokens.LA, "gen-sw"), "application/fhir+json",
                        n -> "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"communication\","
                                + "\"valueReference\":{\"reference\":\"Communication/no-such-id\"}}]}"));
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < JSON_REQUESTS; i++) {
                noServerError(given().auth().oauth2(endpoint.token()).contentType(endpoint.contentType())
                        .body(mutate(endpoint.body().apply(patients.get(1 + random.nextInt(19)))))
                        .when().post(endpoint.path()), endpoint.path());
            }
        }
    }

    private record Endpoint(String path, String token, String contentType, Function<String, String> body) {
    }

    private static String laRestriction(String nhsNumber) {
        return "{\"nhsNumber\":\"%s\",\"kind\":\"all-except-named-users\",\"users\":[\"gen-user\"],\"reason\":\"Generated\"}"
                .formatted(nhsNumber);
    }

    private static Plans.Builder plan(String nhsNumber) {
        return Plans.plan(nhsNumber, "Generated", BORN, Plans.CPP);
    }

    /** The JSON with one random mutation: a value replaced, a field removed, or an unknown field added. */
    private String mutate(String json) throws JsonProcessingException {
        cases++;
        JsonNode root = JSON.readTree(json);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        int operation = random.nextInt(10);
        JsonNode value = VALUES.get(random.nextInt(VALUES.size())).get();
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            String field = fields.get(random.nextInt(fields.size()));
            if (operation < 7) {
                object.set(field, value);
            } else if (operation < 9) {
                object.remove(field);
            } else {
                object.set("generated" + random.nextInt(10), value);
            }
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            if (operation < 7) {
                array.set(index, value);
            } else {
                array.remove(index);
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    private void noServerError(Response answer, String what) {
        assertTrue(answer.statusCode() < 500, what + ", case " + cases + " (seed " + SEED + "): " + answer.statusCode()
                + " " + answer.asString());
    }

    private static String oneLine(String json) {
        return json.replace("\n", "");
    }
}
