package dev.interlock.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium against the app that
 * the enclosing {@code @QuarkusTest} started. One instance is one browser with a fresh, throw-away profile:
 *
 * <pre>
 * try (Browser browser = Browser.start()) {
 *     browser.signIn("alice", "alice");
 *     browser.waitForText(By.cssSelector("header .who"), "Signed in as alice");
 * }
 * </pre>
 *
 * Every wait is explicit ({@link WebDriverWait}); a wait that times out saves a screenshot under
 * {@code target/browser-failures/} and says where the browser was and what the page showed.
 * <p>
 * Missing Chromium or ChromeDriver is a failure, never a skip: run {@code .ci/install-chromium.sh} (as root).
 * System properties: {@code interlock.browser.timeout} (seconds, default 10), {@code interlock.browser.chromium},
 * {@code interlock.browser.chromedriver} (paths).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM =
            Paths.get(System.getProperty("interlock.browser.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Paths.get(System.getProperty("interlock.browser.chromedriver", "/usr/bin/chromedriver"));
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("interlock.browser.timeout", 10L));
    private static final Path FAILURES = Paths.get("target", "browser-failures");

    /**
     * Flags for running as root in a container without a display or outside network. Without the
     * background-networking flags Chromium keeps trying to reach Google's hosts, which this network refuses.
     */
    static final List<String> ARGUMENTS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900");

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser against the running {@code @QuarkusTest} application. */
    public static Browser start() {
        return start(applicationUrl());
    }

    /** Starts a browser against {@code baseUrl} (scheme, host and port, without a trailing slash). */
    public static Browser start(String baseUrl) {
        return start(baseUrl, options -> {});
    }

    /**
     * Starts a browser in which pages cannot run JavaScript (Chromium's content setting, which also covers
     * {@code <script src>}): what people without JavaScript, and crawlers, get. WebDriver's own
     * {@code executeScript} still works there, so the helpers of this class do too.
     */
    public static Browser startWithoutJavaScript() {
        return start(applicationUrl(), options -> {
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("profile.managed_default_content_settings.javascript", 2);
            options.setExperimentalOption("prefs", prefs);
        });
    }

    /** Starts a browser whose options {@code tweak} may change (more arguments, preferences). */
    public static Browser start(String baseUrl, Consumer<ChromeOptions> tweak) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("interlock-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        tweak.accept(options);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            return new Browser(stripSlash(baseUrl), profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw new IllegalStateException(
                    "Chromium did not start (" + CHROMIUM + " via " + CHROMEDRIVER
                            + "); check that both are the same version: .ci/install-chromium.sh installs them together",
                    e);
        }
    }

    /**
     * The address the {@code @QuarkusTest} application listens on. {@code %test.quarkus.http.test-port=0} picks a
     * free port; once the application is up, Quarkus publishes the bound port as {@code quarkus.http.test-port}
     * and the full address as {@code test.url}.
     */
    public static String applicationUrl() {
        var config = ConfigProvider.getConfig();
        Optional<String> url = config.getOptionalValue("test.url", String.class);
        if (url.isPresent()) {
            return stripSlash(url.get());
        }
        int port =
                config.getOptionalValue("quarkus.http.test-port", Integer.class).orElse(0);
        if (port <= 0) {
            throw new IllegalStateException("No running application: Browser.start() needs a @QuarkusTest "
                    + "(neither test.url nor a bound quarkus.http.test-port is set)");
        }
        return "http://localhost:" + port;
    }

    /** Fails (never skips) when Chromium or ChromeDriver is not installed. */
    static void requireInstalled() {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(
                        p + " is missing: browser tests need Debian's chromium and "
                                + "chromium-driver. Install them with .ci/install-chromium.sh (as root), then run the tests again.");
            }
        }
    }

    /** The underlying Selenium driver, for anything the helpers do not cover. */
    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The absolute address of an application path such as {@code /login}. */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** The path (and query) of the current page, e.g. {@code /login?error=true}. */
    public String currentPath() {
        URI uri = URI.create(driver.getCurrentUrl());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Loads an application path and waits until the document has loaded. */
    public Browser open(String path) {
        driver.get(url(path));
        waitFor("document loaded: " + path, d -> "complete".equals(driver.executeScript("return document.readyState")));
        return this;
    }

    /**
     * Fills and submits the sign-in form at {@code /login} and waits for the next page. Does not check the outcome:
     * see {@link #signIn} for a sign-in that must succeed.
     */
    public Browser submitSignIn(String user, String password) {
        open("/login");
        WebElement name = waitFor("the sign-in form", ExpectedConditions.elementToBeClickable(By.id("username")));
        WebElement secret = driver.findElement(By.id("password"));
        name.clear();
        name.sendKeys(user);
        secret.clear();
        secret.sendKeys(password);
        String page = markDocument();
        secret.findElement(By.xpath("ancestor::form//*[@type='submit']")).click();
        waitForNewDocument("the page after submitting the sign-in form", page);
        return this;
    }

    /** Signs in through the real form and waits until the browser has left {@code /login}; fails otherwise. */
    public Browser signIn(String user, String password) {
        submitSignIn(user, password);
        waitFor(
                "leaving /login after signing in as " + user,
                d -> !currentPath().startsWith("/login") || currentPath().contains("error"));
        if (currentPath().startsWith("/login")) {
            throw new AssertionError("Signing in as " + user + " failed: the browser is at " + currentPath()
                    + " showing: " + excerpt(bodyText()));
        }
        return this;
    }

    /**
     * Marks the document now shown with a random token and returns it; {@link #waitForNewDocument} then tells a real
     * page load (a new document, without the mark) from an htmx swap (same document, mark kept). More reliable than
     * waiting for an element to go stale: Chromium may report a node of the old document as "not belonging to the
     * document" instead of stale.
     */
    public String markDocument() {
        String token = UUID.randomUUID().toString();
        driver.executeScript("window.__interlockDocument = arguments[0];", token);
        return token;
    }

    /** Whether the document marked with {@code token} by {@link #markDocument} is still the one shown. */
    public boolean isSameDocument(String token) {
        return token.equals(driver.executeScript("return window.__interlockDocument || null;"));
    }

    /** Waits until a document other than the one marked with {@code token} has completely loaded. */
    public Browser waitForNewDocument(String what, String token) {
        waitFor(what + " (a new page load)", d -> {
            Object state = driver.executeScript(
                    "return document.readyState === 'complete' && window.__interlockDocument !== arguments[0];", token);
            return Boolean.TRUE.equals(state);
        });
        return this;
    }

    /** Clicks {@code element} and waits until a new page (not an htmx swap) has loaded. */
    public Browser clickAndWaitForNewDocument(WebElement element, String what) {
        String page = markDocument();
        element.click();
        return waitForNewDocument(what, page);
    }

    /**
     * Waits for {@code condition} (at most {@link #TIMEOUT}); on time-out saves a screenshot and explains. While
     * the page changes under the condition (an htmx swap, a navigation), a stale element or a JavaScript call into a
     * document that is going away counts as "not yet" rather than as a failure.
     */
    public <T> T waitFor(String what, Function<? super WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, TIMEOUT).until(d -> {
                try {
                    return condition.apply(d);
                } catch (StaleElementReferenceException e) {
                    return null;
                } catch (WebDriverException e) {
                    if (isTransient(e)) {
                        return null;
                    }
                    throw e;
                }
            });
        } catch (TimeoutException e) {
            String shot = saveFailureScreenshot();
            throw new AssertionError(
                    "Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                            + "; the browser is at " + safeUrl() + " (screenshot: " + shot + ") showing: "
                            + excerpt(bodyText()),
                    e);
        }
    }

    /** Waits until an element is visible and returns it. */
    public WebElement waitForVisible(By locator) {
        return waitFor(locator + " to be visible", ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until an element's visible text contains {@code text} and returns that element's whole text. */
    public String waitForText(By locator, String text) {
        waitFor(
                locator + " to contain \"" + text + "\"",
                ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return driver.findElement(locator).getText();
    }

    /** Waits until the current path (and query) satisfies {@code test}, described by {@code what}. */
    public String waitForPath(String what, java.util.function.Predicate<String> test) {
        waitFor("the address to be " + what, d -> test.test(currentPath()));
        return currentPath();
    }

    /** The visible text of the page body ({@code ""} when there is none). */
    public String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (WebDriverException e) {
            return "";
        }
    }

    /** Saves a PNG of the viewport to {@code file} (folders are created) and returns {@code file}. */
    public Path screenshot(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + file, e);
        }
    }

    /**
     * Saves a PNG of the whole page at the window's full width to {@code file} (folders are created) and returns
     * {@code file}. The viewport is stretched to the page's height for the shot (Chromium DevTools
     * {@code Emulation.setDeviceMetricsOverride}), so there is no scrollbar and nothing is cut off; it is reset after.
     */
    public Path fullPageScreenshot(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            long width = ((Number) driver.executeScript("return window.innerWidth;")).longValue();
            long height = pageHeight();
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            try {
                // Without the scrollbar the page may reflow to another height: measure again.
                long reflowed = pageHeight();
                if (reflowed != height) {
                    height = reflowed;
                    driver.executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
                }
                Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
                Map<String, Object> shot = driver.executeCdpCommand(
                        "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
                Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + file, e);
        }
    }

    private long pageHeight() {
        return ((Number) driver.executeScript("return Math.max(document.documentElement.scrollHeight, "
                        + "document.body ? document.body.scrollHeight : 0, window.innerHeight);"))
                .longValue();
    }

    /**
     * Messages the page logged at SEVERE level (JavaScript errors, {@code console.error}, failed loads) since the
     * last call; reading drains Chromium's buffer. Empty {@link Optional} when this ChromeDriver cannot return the
     * browser log at all, so callers can leave the check out rather than pass vacuously.
     */
    public Optional<List<String>> consoleErrors() {
        List<LogEntry> entries;
        try {
            entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        } catch (WebDriverException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.of(entries.stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList()));
    }

    /** Quits Chromium and ChromeDriver and deletes the profile directory. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException ignored) {
            // already gone
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    /** Errors that mean "the page is changing under us", not "the browser is broken". */
    private static boolean isTransient(WebDriverException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("does not belong to the document")
                || message.contains("stale element")
                || message.contains("Execution context was destroyed")
                || message.contains("Cannot find context with specified id")
                || message.contains("No node with given id found");
    }

    private String saveFailureScreenshot() {
        try {
            String name = "browser-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")) + ".png";
            return screenshot(FAILURES.resolve(name)).toAbsolutePath().toString();
        } catch (RuntimeException e) {
            return "not saved: " + e.getMessage();
        }
    }

    private String safeUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (WebDriverException e) {
            return "(unknown)";
        }
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return "\"" + (flat.length() > 300 ? flat.substring(0, 300) + "…" : flat) + "\"";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        // Chromium's helpers may still be closing files for a moment after quit(): try twice.
        for (int attempt = 0; attempt < 2 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // retried once below; a leftover temp folder is not worth failing a test for
            }
        }
    }
}
