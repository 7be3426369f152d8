package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.Tokens;

/**
 * Loads and uploads the storyboard people (with failures among them), looks them up, restricts a user
 * from one, then reads this run's log, which the test profile writes at DEBUG for our code: none of
 * their NHS numbers, names or birth dates may appear.
 */
@QuarkusTest
class LogPrivacyTest {
    private static final Path LOG = Path.of("target/cpis-test.log");
    private static final Path SAMPLES = Path.of("sample-data");

    @Test
    void shouldKeepPatientDataOutOfTheLog() throws IOException {
        String patients = Files.readString(SAMPLES.resolve("patients.ndjson"));
        given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body((patients + "\n{\"resourceType\":\"Patient\",\"id\":\"9990000018\",\"birthDate\":\"bad\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/api/admin/patients").then().statusCode(200);
        for (String file : List.of("LA330-CPP-johnny.json", "LA330-LAC-lucy.json", "LA330-CPP-sam-old-number.json")) {
            given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                    .body(Files.readString(SAMPLES.resolve(file))).when().post("/fhir").then().statusCode(200);
        }
        // Tracy's plan is LA602's: sent by LA330 every entry is refused, which is logged too.
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Files.readString(SAMPLES.resolve("LA602-UCPP-tracy.json"))).when().post("/fhir")
                .then().statusCode(200);

        lookUpJohnny();

        String log = Files.readString(LOG);
        assertTrue(log.contains("patients loaded"), "the log of this run was not found at " + LOG);
        List<String> leaked = new ArrayList<>();
        for (String secret : secretsIn(patients)) {
            if (log.contains(secret)) {
                leaked.add(secret);
            }
        }
        assertFalse(!leaked.isEmpty(), "patient data in the log: " + leaked.size() + " values");
    }

    private static void lookUpJohnny() {
        String johnny = "https://fhir.nhs.uk/Id/nhs-number|9990000018";
        String clinician = Tokens.clinician(Tokens.newUserId());
        given().auth().oauth2(clinician).queryParam("identifier", johnny).when().get("/fhir/Patient")
                .then().statusCode(200);
        given().auth().oauth2(clinician).queryParam("family", "Taylor").queryParam("gender", "male")
                .queryParam("birthdate", "2021-03-14").queryParam("_fuzzy-match", "true").when().get("/fhir/Patient")
                .then().statusCode(200);
        for (String path : List.of("/fhir/Flag", "/fhir/CareTeam", "/fhir/AuditEvent")) {
            given().auth().oauth2(clinician).queryParam("patient:identifier", johnny).when().get(path)
                    .then().statusCode(200);
        }
        String restricted = Staff.atHospital();
        given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId()))
                .contentType("application/json")
                .body("{\"nhsNumber\":\"9990000018\",\"userId\":\"" + restricted + "\",\"reason\":\"Relative\"}")
                .when().post("/api/restrictions").then().statusCode(201);
        given().auth().oauth2(Tokens.clinician(restricted)).queryParam("patient:identifier", johnny)
                .when().get("/fhir/CareTeam").then().statusCode(403);
    }

    private static List<String> secretsIn(String ndjson) {
        List<String> secrets = new ArrayList<>();
        Matcher m = Pattern.compile("\"(?:value|family|birthDate|id)\"\\s*:\\s*\"([^\"]+)\"|\"given\"\\s*:\\s*\\[\"([^\"]+)\"")
                .matcher(ndjson);
        while (m.find()) {
            String value = m.group(1) != null ? m.group(1) : m.group(2);
            if (value.matches("\\d{10}|\\d{4}-\\d{2}-\\d{2}") || value.matches("[A-Z][a-z]+")) {
                secrets.add(value);
            }
        }
        return secrets;
    }
}
