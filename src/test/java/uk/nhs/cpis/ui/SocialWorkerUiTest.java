package uk.nhs.cpis.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.cpis.support.AccessEvents;
import uk.nhs.cpis.support.Batches;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Timeline;
import uk.nhs.cpis.support.Tokens;

/** The social worker's inbox and a child's attendance timeline, in a real browser against the real API. */
@QuarkusTest
class SocialWorkerUiTest {
    @TestHTTPResource("/ui/")
    URL ui;
    @Inject
    MutableClock clock;
    @Inject
    Timeline timeline;
    @Inject
    AccessEvents events;

    Instant day;
    String la;

    @BeforeEach
    void freshLa() {
        day = timeline.freshDay();
        la = Batches.freshLa();
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }

    String socialWorker() {
        return Tokens.claims("la-social-worker", la, "SW-" + la).claim("name", "Chris Moore")
                .claim("job_role", "Social Worker").claim("org_name", "Northtown Council").sign();
    }

    @Test
    void afterABatchTheSocialWorkerSeesJohnnysAsnsAndAcknowledgesThreeInOneAction() {
        String johnny = Batches.childWithPlan(la, day, 5);
        events.record(at(1), johnny, "u1", Tokens.HOSPITAL);
        events.record(at(2), johnny, "u2", Tokens.HOSPITAL);
        events.record(at(3), johnny, "u3", Tokens.HOSPITAL);
        clock.set(at(10));
        Batches.run(at(9));

        WebDriver browser = Browser.signIn(ui, socialWorker());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/inbox.html"), browser.getCurrentUrl());
        Browser.waitForText(browser, By.id("groups"), "Johnny Taylor");
        String page = browser.findElement(By.id("groups")).getText();
        assertTrue(page.contains("Child protection information viewed at Northtown General Hospital by Dr u1 (ED Consultant)."), page);
        assertEquals(3, browser.findElements(By.cssSelector("input.cpis-select")).size());
        Browser.screenshot(browser, "social-worker-1-inbox");
        Browser.assertAccessible(browser, "inbox");

        browser.findElement(By.cssSelector("label[for='select-all']")).click();
        browser.findElement(By.id("acknowledge-selected")).click();

        Browser.waitForText(browser, By.id("success"), "3 notifications acknowledged");
        Browser.waitForText(browser, By.id("groups"), "Acknowledged");
        Browser.waitForText(browser, By.id("groups"), "by Chris Moore (Social Worker)");
        assertEquals(0, browser.findElements(By.cssSelector("input.cpis-select")).size());
        Browser.screenshot(browser, "social-worker-2-acknowledged");
        Browser.assertAccessible(browser, "inbox after acknowledging");
        assertEquals(0, Batches.feed(socialWorker(), "acknowledged=false").getInt("total"));
        assertEquals(3, Batches.feed(socialWorker(), "acknowledged=true").getInt("total"));
    }

    @Test
    void aChildViewedAtTwoOrganisationsThreeTimesIn30DaysShowsBothPatternFlags() {
        String child = Batches.childWithPlan(la, day, 8);
        events.record(at(1), child, "u1", Tokens.HOSPITAL);
        events.record(at(24 * 6), child, "u2", "RY202");
        events.record(at(24 * 20), child, "u3", Tokens.HOSPITAL);
        clock.set(at(24 * 21));
        Batches.run(at(24 * 21 - 1));

        WebDriver browser = Browser.signIn(ui, socialWorker());
        Browser.waitForText(browser, By.id("flags-0"), "organisations in 30 days");
        String flags = browser.findElement(By.id("flags-0")).getText();
        assertTrue(flags.contains("Pattern: 3 or more attendances in 30 days"), flags);
        assertTrue(flags.contains("Pattern: 2 or more organisations in 30 days"), flags);

        browser.findElement(By.id("timeline-0")).click();
        Browser.waitFor(browser, By.id("pattern-flags"));
        assertEquals("Attendance timeline – Child Protection Information Sharing", browser.getTitle());
        String callout = browser.findElement(By.id("pattern-flags")).getText();
        assertTrue(callout.contains("3 or more attendances in 30 days: 3"), callout);
        assertTrue(callout.contains("2 or more organisations in 30 days: 2"), callout);
        WebElement table = browser.findElement(By.cssSelector("#timeline table"));
        List<List<String>> rows = Browser.rows(table);
        assertEquals(3, rows.size());
        assertEquals(List.of("RY202 Hospital (RY202)", "Dr u2", "ED Consultant", "New"), rows.get(1).subList(1, 5));
        assertTrue(rows.get(0).get(1).startsWith("Northtown General Hospital"), "newest first: " + rows);
        Browser.screenshot(browser, "social-worker-3-attendance-timeline");
        Browser.assertAccessible(browser, "attendance timeline");
    }
}
