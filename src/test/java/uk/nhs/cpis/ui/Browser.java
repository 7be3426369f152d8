package uk.nhs.cpis.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for every browser test in the run (the system's {@code chromium} and
 * {@code chromedriver}, never a download), quit when the JVM ends. Without chromedriver the browser
 * tests are skipped, unless {@code -Dcpis.browser.required=true} (CI) makes that a failure.
 */
public final class Browser {
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cpis.browser.driver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("cpis.browser.binary", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver driver;
    private static String axeSource;

    private Browser() {
    }

    /** The shared browser, started on first use; each caller starts from a signed-out tab. */
    public static synchronized WebDriver driver() {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            if (Boolean.getBoolean("cpis.browser.required")) {
                fail("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
            }
            Assumptions.abort("No " + CHROMEDRIVER + ": browser tests skipped");
        }
        if (driver == null) {
            try {
                Path profile = Files.createTempDirectory("cpis-chromium-");
                ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
                ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort().build();
                driver = new ChromeDriver(service, options);
                driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
                Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return driver;
    }

    /** Signs in as an identity provider hands over a token: in the URL fragment of /ui/. */
    public static WebDriver signIn(URL ui, String token) {
        WebDriver browser = signedOut(ui);
        browser.get(ui + "#access_token=" + token);
        new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().endsWith("/ui/")
                && !d.getCurrentUrl().contains("access_token") && !d.getCurrentUrl().endsWith("index.html"));
        waitFor(browser, By.id("sign-out"));
        return browser;
    }

    /** The sign-in page with nothing kept from an earlier test. */
    public static WebDriver signedOut(URL ui) {
        WebDriver browser = driver();
        browser.get(ui + "index.html");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.get(ui + "index.html");
        return browser;
    }

    public static WebElement waitFor(WebDriver browser, By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public static void waitForText(WebDriver browser, By by, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Saves what the screen shows as target/screenshots/{name}.png. */
    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // The whole page, not only the window: what is below the fold must be looked at too.
            Map<String, Object> shot = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true));
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now: no serious or critical violation. */
    @SuppressWarnings("unchecked")
    public static void assertAccessible(WebDriver browser, String screen) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe());
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                + ".then(function (r) { done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })); },"
                + " function (e) { done(['axe failed: ' + e]); });");
        List<String> violations = (List<String>) result;
        assertEquals(List.of(), violations, "accessibility of " + screen + ":\n" + String.join("\n", violations));
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /** The text of every cell of a table, row by row. */
    public static List<List<String>> rows(WebElement table) {
        return table.findElements(By.cssSelector("tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

}
