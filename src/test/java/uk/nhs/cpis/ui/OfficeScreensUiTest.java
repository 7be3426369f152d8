package uk.nhs.cpis.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The LA upload status, privacy officers' and admin screens, in a real browser against the real API. */
@QuarkusTest
class OfficeScreensUiTest {
    @TestHTTPResource("/ui/")
    URL ui;
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void anLaSeesAnUploadsCountsByOutcomeEachRefusedRecordAndItsPlans() {
        String la = Batches.freshLa();
        LocalDate born = LocalDate.of(2017, 5, 1);
        String good = TestPatients.register("Evans", "Lucy", born);
        String bad = TestPatients.register("Evans", "Mia", born);
        given().auth().oauth2(Tokens.laUpload(la)).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(Plans.plan(good, "Evans", born, Plans.LAC).la(la)),
                        Plans.putEntry(Plans.plan(bad, "Evans", born, Plans.CPP).la(la).end("2025-01-01"))))
                .when().post("/fhir").then().statusCode(200);

        WebDriver browser = Browser.signIn(ui, Tokens.claims("la-upload", la, la + "-SYSTEM")
                .claim("org_name", "Northtown Council").sign());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/uploads.html"), browser.getCurrentUrl());
        Browser.waitForText(browser, By.id("plans"), "Looked After Child");
        // The LA's staff find the night's upload in the list, without knowing its id.
        Browser.waitFor(browser, By.cssSelector("#recent-uploads table"));
        List<List<String>> uploads = Browser.rows(browser.findElement(By.cssSelector("#recent-uploads table")));
        assertEquals(List.of("Complete", "2", "1", "0", "0", "1"), uploads.get(0).subList(1, 7), uploads.toString());
        browser.findElement(By.cssSelector("#recent-uploads tbody tr button")).click();

        Browser.waitForText(browser, By.id("acknowledgement"), "END_BEFORE_START");
        String ack = browser.findElement(By.id("acknowledgement")).getText();
        assertTrue(ack.contains("Created\n1") || ack.contains("Created 1"), ack);
        assertTrue(ack.contains("Refused\n1") || ack.contains("Refused 1"), ack);
        List<List<String>> refused = Browser.rows(browser.findElement(By.cssSelector("#acknowledgement table")));
        assertEquals("1", refused.get(0).get(0));
        Browser.screenshot(browser, "la-upload-1-acknowledgement-and-plans");
        Browser.assertAccessible(browser, "upload status");
    }

    @Test
    void aPrivacyOfficerAddsAndRemovesAStaffRestriction() {
        String org = "RZ" + ThreadLocalRandom.current().nextInt(100, 999);
        String child = TestPatients.register("Green", "Sam", LocalDate.of(2018, 2, 11));
        String user = Staff.at(org);
        WebDriver browser = Browser.signIn(ui, Tokens.claims("privacy-officer", org, "PO-" + user)
                .claim("name", "Pat Hughes").claim("org_name", "Southport Hospital").sign());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/restrictions.html"), browser.getCurrentUrl());
        Browser.waitFor(browser, By.id("no-restrictions"));

        browser.findElement(By.id("nhs-number")).sendKeys(child);
        browser.findElement(By.id("user-id")).sendKeys(user);
        browser.findElement(By.id("reason")).sendKeys("A relative of the child");
        browser.findElement(By.id("add-restriction")).click();
        Browser.waitForText(browser, By.id("success"), "Restriction added");
        List<List<String>> rows = Browser.rows(browser.findElement(By.cssSelector("#restrictions table")));
        assertEquals(List.of(child.substring(0, 3) + " " + child.substring(3, 6) + " " + child.substring(6),
                "Staff " + user + "\n" + user, "A relative of the child"), rows.get(0).subList(0, 3));
        // The patient's record shows every organisation's restrictions, with the staff member's name.
        browser.findElement(By.id("patient-nhs-number")).sendKeys(child);
        browser.findElement(By.id("show-patient")).click();
        Browser.waitFor(browser, By.cssSelector("#patient-restrictions table"));
        List<List<String>> onRecord = Browser.rows(browser.findElement(By.cssSelector("#patient-restrictions table")));
        assertEquals(List.of("Staff " + user + "\n" + user, org), List.of(onRecord.get(0).get(0), onRecord.get(0).get(2)));
        given().auth().oauth2(Tokens.privacyOfficer(org, "PO2")).when().get("/api/restrictions").then().statusCode(200)
                .body("size()", equalTo(1));
        Browser.screenshot(browser, "privacy-officer-1-restrictions");
        Browser.assertAccessible(browser, "staff restrictions");

        Lookups.details(Tokens.clinician(user), child).statusCode(403);
        browser.findElement(By.cssSelector("button[id^='remove-']")).click();
        Browser.waitForText(browser, By.id("success"), "Restriction removed");
        Browser.waitFor(browser, By.id("no-restrictions"));
        // The blocked attempt outlives the restriction.
        List<List<String>> attempts = Browser.rows(browser.findElement(By.cssSelector("#blocked-attempts table")));
        assertEquals(List.of(user, "Removed"), attempts.get(0).subList(2, 4));
        given().auth().oauth2(Tokens.privacyOfficer(org, "PO2")).when().get("/api/restrictions").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anLaPrivacyOfficerAddsARestrictionAndSeesTheReviewReport() {
        String la = Batches.freshLa();
        String child = Batches.childWithPlan(la, Instant.now(), 6);
        WebDriver browser = Browser.signIn(ui, Tokens.claims("la-privacy-officer", la, la + "-PO")
                .claim("name", "Alex Reed").claim("job_role", "Team Manager").claim("org_name", "Northtown Council").sign());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/la-restrictions.html"), browser.getCurrentUrl());
        Browser.waitFor(browser, By.id("no-restrictions"));

        browser.findElement(By.id("nhs-number")).sendKeys(child);
        browser.findElement(By.id("users")).sendKeys("SW-UNCLE, team:Fostering");
        browser.findElement(By.id("reason")).sendKeys("The child's uncle works in the team");
        browser.findElement(By.id("add-restriction")).click();
        Browser.waitForText(browser, By.id("success"), "Restriction added");
        String table = browser.findElement(By.id("restrictions")).getText();
        assertTrue(table.contains("SW-UNCLE, team:Fostering"), table);
        assertTrue(table.contains("Everyone except those named"), table);
        given().auth().oauth2(Tokens.token("la-privacy-officer", la, la + "-PO2")).when().get("/api/la-restrictions")
                .then().statusCode(200).body("size()", equalTo(1));
        Browser.screenshot(browser, "la-privacy-officer-1-restrictions");
        Browser.assertAccessible(browser, "LA restrictions");
    }

    @Test
    void anAdministratorStartsABatchRunAndLoadsTheRegister() throws IOException {
        Instant day = timeline.freshDay();
        clock.set(day.plus(Duration.ofHours(2)));
        WebDriver browser = Browser.signIn(ui, Tokens.claims("cpis-admin", "CPIS01", "ADMIN01")
                .claim("name", "Jo Admin").claim("org_name", "CP-IS Operations").sign());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/admin.html"), browser.getCurrentUrl());

        browser.findElement(By.id("start-run")).click();
        Browser.waitForText(browser, By.id("success"), "Batch run finished");
        Browser.waitFor(browser, By.cssSelector("#runs table"));
        String latest = given().auth().oauth2(Tokens.admin()).when().get("/api/batch-runs").then().statusCode(200)
                .extract().path("[0].status");
        assertEquals("completed", latest);

        String nhs = TestPatients.newNhsNumber();
        Path file = Files.createTempFile("patients", ".ndjson");
        Files.writeString(file, TestPatients.patientJson(nhs, "Patel", "Noah", LocalDate.of(2016, 1, 30)).replace("\n", "")
                + "\n{\"resourceType\":\"Patient\"}\n");
        browser.findElement(By.id("register-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("load-register")).click();
        Browser.waitForText(browser, By.id("success"), "1 patient stored");
        assertTrue(browser.findElement(By.id("load-report")).getText().contains("Refused lines"));
        given().auth().oauth2(Tokens.clinician(Tokens.newUserId()))
                .queryParam("identifier", "https://fhir.nhs.uk/Id/nhs-number|" + nhs).when().get("/fhir/Patient")
                .then().statusCode(200).body("total", equalTo(1));
        Browser.screenshot(browser, "admin-1-batch-runs-and-register-load");
        Browser.assertAccessible(browser, "administration");
        Files.delete(file);
    }
}
