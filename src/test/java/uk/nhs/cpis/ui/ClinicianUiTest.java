package uk.nhs.cpis.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.Tokens;

/**
 * The clinician's paths in a real browser, by clicks and typing, against the real API: what the page
 * shows, and what the API holds afterwards (a recorded view, or none).
 */
@QuarkusTest
class ClinicianUiTest {
    @TestHTTPResource("/ui/")
    URL ui;

    static String clinician(String role, String userId) {
        return Tokens.claims(role, Tokens.HOSPITAL, userId).claim("name", "Dr Anna Jones")
                .claim("job_role", "ED Consultant").claim("org_name", "Northtown General Hospital").sign();
    }

    static String spaced(String nhs) {
        return nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
    }

    @Test
    void aRecordingClinicianFindsJohnnyByNhsNumberOpensTheOrangeTabAndTheViewIsRecorded() {
        String johnny = Lookups.childWithPlan(LocalDate.of(2021, 3, 14), "2026-01-10");
        WebDriver browser = Browser.signIn(ui, clinician("cpis-view", Tokens.newUserId()));
        assertTrue(browser.getCurrentUrl().endsWith("/ui/clinician.html"), browser.getCurrentUrl());
        assertEquals("Find a patient – Child Protection Information Sharing", browser.getTitle());
        Browser.waitForText(browser, By.id("signed-in-as"), "Dr Anna Jones");
        Browser.screenshot(browser, "clinician-1-find-a-patient");
        Browser.assertAccessible(browser, "find a patient");

        browser.findElement(By.id("nhs-number")).sendKeys(spaced(johnny));
        browser.findElement(By.id("search-nhs-number")).click();

        Browser.waitFor(browser, By.id("patient-name"));
        assertEquals("Johnny Taylor", browser.findElement(By.id("patient-name")).getText());
        assertEquals(spaced(johnny), browser.findElement(By.id("banner-nhs-number")).getText());
        WebElement tab = browser.findElement(By.id("child-protection-tab"));
        assertEquals("Child protection", tab.getText());
        assertEquals("rgba(237, 139, 0, 1)", tab.getCssValue("background-color"), "the tab is orange");
        assertEquals(0, Lookups.viewCount(johnny), "finding the patient records no view");
        Browser.screenshot(browser, "clinician-2-patient-banner");
        Browser.assertAccessible(browser, "patient banner");

        tab.click();
        Browser.waitFor(browser, By.id("recorded-view-notice"));
        assertTrue(browser.findElement(By.id("recorded-view-notice")).getText().contains("local authority will be told"));
        assertEquals(0, Lookups.viewCount(johnny), "the notice comes before any view is recorded");
        Browser.screenshot(browser, "clinician-3-recorded-view-notice");
        Browser.assertAccessible(browser, "recorded view notice");

        browser.findElement(By.id("view-child-protection")).click();
        Browser.waitFor(browser, By.id("cp-title"));
        String panel = browser.findElement(By.id("cp-panel")).getText();
        assertTrue(panel.contains("Child Protection Plan"), panel);
        assertTrue(panel.contains("Northtown Council (LA330)"), panel);
        assertTrue(panel.contains("10 January 2026"), panel);
        WebElement emergency = browser.findElement(By.cssSelector("#cp-panel a[href='tel:01632960001']"));
        assertEquals("01632 960001", emergency.getText());
        browser.findElement(By.cssSelector("#cp-panel a[href='tel:01632960002']"));
        List<List<String>> views = Browser.rows(browser.findElement(By.cssSelector("#cp-panel table")));
        assertEquals(1, views.size(), views.toString());
        assertEquals(List.of("Northtown General Hospital", "Dr Anna Jones", "ED Consultant"), views.get(0).subList(1, 4));
        assertTrue(views.get(0).get(0).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}"),
                views.get(0).get(0));
        Browser.screenshot(browser, "clinician-4-child-protection-information");
        Browser.assertAccessible(browser, "child protection information");

        assertEquals(1, Lookups.viewCount(johnny), "the API's previous views show the view");
        assertFalse(browser.getCurrentUrl().contains(johnny), "no NHS number in the page URL");
    }

    @Test
    void aClinicianWithoutAsnSeesThePlanAndNoViewIsRecorded() {
        String child = Lookups.childWithPlan(LocalDate.of(2019, 6, 1), "2026-01-10");
        WebDriver browser = Browser.signIn(ui, clinician("cpis-view-no-asn", Tokens.newUserId()));
        browser.findElement(By.id("nhs-number")).sendKeys(child);
        browser.findElement(By.id("search-nhs-number")).click();
        Browser.waitFor(browser, By.id("child-protection-tab")).click();

        Browser.waitFor(browser, By.id("cp-title"));
        assertTrue(browser.findElement(By.id("cp-panel")).getText().contains("Child Protection Plan"));
        assertTrue(browser.findElements(By.id("recorded-view-notice")).isEmpty(), "no recording notice for B0170");
        assertEquals(0, Lookups.viewCount(child), "a B0170 view is not recorded");
        Browser.screenshot(browser, "clinician-5-no-asn-view");
    }

    @Test
    void aRestrictedUserSeesOnlyTheRestrictionMessage() {
        String child = Lookups.childWithPlan(LocalDate.of(2018, 2, 2), "2026-01-10");
        String user = Staff.atHospital();
        given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, "PO-" + user)).contentType("application/json")
                .body(Map.of("nhsNumber", child, "userId", user, "reason", "Related to the family"))
                .when().post("/api/restrictions").then().statusCode(201);

        WebDriver browser = Browser.signIn(ui, clinician("cpis-view", user));
        browser.findElement(By.id("nhs-number")).sendKeys(child);
        browser.findElement(By.id("search-nhs-number")).click();

        Browser.waitFor(browser, By.id("restricted-title"));
        String page = browser.findElement(By.id("maincontent")).getText();
        assertTrue(page.contains(Lookups.RESTRICTED), page);
        assertFalse(page.contains("Taylor"), "nothing else of the child: " + page);
        assertFalse(page.contains(spaced(child)), page);
        assertTrue(browser.findElements(By.id("child-protection-tab")).isEmpty());
        assertEquals(0, Lookups.viewCount(child));
        Browser.screenshot(browser, "clinician-6-restricted");
        Browser.assertAccessible(browser, "restriction message");
    }

    @Test
    void aClinicianFindsAChildByFamilyNameWildcardAndBirthDate() {
        String family = "Wil" + randomLetters(6);
        String wanted = TestPatients.register(family, "Emily", LocalDate.of(2011, 8, 9));
        TestPatients.register(family + "son", "Emma", LocalDate.of(2011, 8, 23));
        WebDriver browser = Browser.signIn(ui, clinician("cpis-view", Tokens.newUserId()));

        browser.findElement(By.id("family")).sendKeys(family.substring(0, 6) + "*");
        new Select(browser.findElement(By.id("gender"))).selectByVisibleText("Female");
        browser.findElement(By.id("birth-from")).sendKeys("9/8/2011");
        browser.findElement(By.id("search-details")).click();

        Browser.waitFor(browser, By.id("results-title"));
        List<List<String>> results = Browser.rows(browser.findElement(By.cssSelector("#results table")));
        assertEquals(1, results.size(), results.toString());
        assertEquals(List.of("Emily " + family, spaced(wanted), "9 August 2011", "Female", "NT1 1AA"),
                results.get(0).subList(0, 5));
        Browser.screenshot(browser, "clinician-7-search-results");
        Browser.assertAccessible(browser, "search results");

        browser.findElement(By.id("open-patient-0")).click();
        Browser.waitFor(browser, By.id("no-cp-information"));
        assertEquals("Emily " + family, browser.findElement(By.id("patient-name")).getText());
        assertTrue(browser.findElements(By.id("child-protection-tab")).isEmpty(), "no tab without CP information");
        assertFalse(browser.getCurrentUrl().contains(family) || browser.getCurrentUrl().contains("2011"), browser.getCurrentUrl());
    }

    @Test
    void theClinicianPathWorksByKeyboardAlone() {
        String child = Lookups.childWithPlan(LocalDate.of(2020, 1, 5), "2026-01-10");
        WebDriver browser = Browser.signIn(ui, clinician("cpis-view", Tokens.newUserId()));

        tabTo(browser, "nhs-number");
        new Actions(browser).sendKeys(child).sendKeys(Keys.ENTER).perform();
        Browser.waitFor(browser, By.id("patient-name"));
        assertEquals("patient-name", focused(browser).getAttribute("id"), "focus moves to the patient's name");

        WebElement tab = tabTo(browser, "child-protection-tab");
        assertEquals("rgba(255, 235, 59, 1)", tab.getCssValue("background-color"), "focus is visible (yellow)");
        Browser.screenshot(browser, "clinician-8-keyboard-focus-on-tab");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        Browser.waitFor(browser, By.id("recorded-view-notice"));
        tabTo(browser, "view-child-protection");
        new Actions(browser).sendKeys(Keys.ENTER).perform();

        Browser.waitFor(browser, By.id("cp-title"));
        assertEquals("cp-title", focused(browser).getAttribute("id"));
        assertTrue(browser.findElement(By.id("cp-panel")).getText().contains("Child Protection Plan"));
        assertEquals(1, Lookups.viewCount(child));
    }

    /** Presses Tab until the element with this id has focus (at most 40 times). */
    static WebElement tabTo(WebDriver browser, String id) {
        for (int i = 0; i < 40; i++) {
            WebElement active = focused(browser);
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    static WebElement focused(WebDriver browser) {
        return (WebElement) ((JavascriptExecutor) browser).executeScript("return document.activeElement;");
    }

    static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
