package org.medsafety.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through /usr/bin/chromedriver (no browser or driver download). Writes a
 * screenshot of each page it is asked to, and runs axe-core on it. Tests using it are skipped, saying why, only when
 * Chromium is not installed.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String AXE_VERSION = "4.14.1";

    final WebDriver driver;
    private final String base;

    private ConsoleBrowser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static ConsoleBrowser open(URL base) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
                "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new ConsoleBrowser(driver, base.toString());
    }

    void get(String path) {
        driver.get(base + path);
    }

    /** The path (and query) of the page shown. */
    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    void signIn(String user, String password) {
        get("/console/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        submit("form button[type=submit]");
    }

    void signOut() {
        get("/console/logout");
        submit("#sign-out");
    }

    /** Clicks, and waits until the browser has left this page (so that the next lookups see the new one). */
    void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> left(page));
    }

    /**
     * Whether the browser has left the page this element belonged to. Chromium reports an element of a page that
     * is being replaced either as stale or, for a moment, as a node that "does not belong to the document"; both
     * mean the old page is gone (ExpectedConditions.stalenessOf knows only the first and fails on the second).
     */
    private static boolean left(WebElement oldPage) {
        try {
            oldPage.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException replaced) {
            return replaced.getMessage() != null && replaced.getMessage().contains("does not belong to the document");
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    void waitForElement(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Saves a screenshot of the whole page and checks it with axe-core: no serious or critical violation. */
    void capture(String name) {
        screenshot(name);
        assertAccessible(name);
    }

    /** The whole page (up to 6,000 pixels high), at a laptop's width. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(6000, Math.max(height + 150,
                window.getHeight()))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @SuppressWarnings("unchecked")
    void assertAccessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // The page's CSP forbids inline script, but WebDriver's injected script runs outside it.
        js.executeScript(axeSource());
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r); },"
                        + " function (e) { done({error: String(e)}); });");
        assertThat(result).as("axe-core ran on %s", page).doesNotContainKey("error");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        List<String> serious = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at "
                        + ((List<Map<String, Object>>) v.get("nodes")).stream().limit(3)
                        .map(n -> String.valueOf(n.get("target"))).toList())
                .toList();
        assertThat(serious).as("serious or critical accessibility violations on %s", page).isEmpty();
    }

    private static String axeSource;

    /** axe-core from the npm registry, packed once into target/axe. */
    private static synchronized String axeSource() {
        if (axeSource != null) {
            return axeSource;
        }
        Path dir = Path.of("target/axe");
        Path script = dir.resolve("package/axe.min.js");
        try {
            if (!Files.exists(script)) {
                Files.createDirectories(dir);
                run(dir, "npm", "pack", "axe-core@" + AXE_VERSION);
                run(dir, "tar", "xzf", "axe-core-" + AXE_VERSION + ".tgz");
            }
            axeSource = Files.readString(script);
            return axeSource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
