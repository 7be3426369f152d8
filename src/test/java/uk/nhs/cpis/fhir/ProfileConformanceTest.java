package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** The sample uploads and what the server sends back conform to fhir-profiles/. */
@QuarkusTest
class ProfileConformanceTest {

    @Test
    void shouldHaveSampleUploadsThatConformToThePlanProfile() throws IOException {
        List<Path> samples;
        // sample-data/history/ too: the dev loader uploads it first.
        try (Stream<Path> files = Files.walk(Path.of("sample-data"))) {
            samples = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        for (Path sample : samples) {
            Bundle bundle = (Bundle) ProfileValidator.parse(sample);
            for (var entry : bundle.getEntry()) {
                ProfileValidator.instance().assertValid(entry.getResource());
            }
        }
    }

    @Test
    void shouldAnswerAcknowledgementsAndPlansThatConform() {
        LocalDate born = LocalDate.of(2018, 8, 8);
        String nhs = TestPatients.register("Conform", "Child", born);
        String ack = given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(Plans.plan(nhs, "Conform", born, Plans.CPP)),
                        Plans.putEntry(Plans.plan(nhs, "Conform", born, Plans.LAC).start(null))))
                .when().post("/fhir").then().statusCode(200).extract().asString();
        ProfileValidator validator = ProfileValidator.instance();
        validator.assertValid(validator.context().newJsonParser().parseResource(Bundle.class, ack));

        String listed = given().auth().oauth2(Tokens.laUpload()).when().get("/fhir/CareTeam?_count=5")
                .then().statusCode(200).extract().asString();
        Bundle page = validator.context().newJsonParser().parseResource(Bundle.class, listed);
        for (var entry : page.getEntry()) {
            validator.assertValid((CareTeam) entry.getResource());
        }
    }

    @Test
    void shouldServeTheCapabilityStatementFromTheProfiles() {
        String served = given().when().get("/fhir/metadata").then().statusCode(200).extract().asString();
        ProfileValidator validator = ProfileValidator.instance();
        validator.assertValid(validator.context().newJsonParser().parseResource(served));
    }
}
