package io.github.inviteonly.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real browser: Debian's Chromium, headless, driven by Debian's chromium-driver. Every
 * step is photographed under {@code target/journeys/<journey>/}, and every step fails the test when the
 * page is Keycloak's "We are sorry…", when the browser console reported an error, or when the browser
 * asked anything of a host other than this machine.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> LOCAL_SCHEMES = Set.of("data", "blob", "about", "chrome", "chrome-extension");
    /** Chrome reports a 4xx document as a console error; the page of an expected refusal is not one. */
    private static final Pattern REFUSAL_STATUS = Pattern.compile(" - Failed to load resource: the server responded with a status of 4\\d\\d");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Set<String> requested = new TreeSet<>();
    private int step;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** A fresh browser with no cookies, for one person in one journey. */
    public static Browser start(String journey) {
        return start(journey, "en-US", 1280);
    }

    /** The same, in another language (what the browser asks for in Accept-Language) and window width. */
    public static Browser start(String journey, String language, int width) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + ",1000", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--lang=" + language,
                "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate");
        Path folder = Path.of("target", "journeys", journey);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language,
                "download.default_directory", folder.resolve("downloads").toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        if (width < 500) {
            // Chrome's window is at least 500 px wide: narrower, a phone's screen is emulated.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            driver.quit();
            throw new UncheckedIOException(e);
        }
        return new Browser(driver, folder);
    }

    /** In CI the browser must be there ({@code .ci/run} installs it); elsewhere a missing one skips, saying why. */
    private static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        String missing = CHROMIUM + " or " + DRIVER + " is missing: install Debian's chromium and chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(missing + " (.ci/run installs them)");
        }
        Assumptions.abort(missing + " to run the real-browser journeys");
    }

    /** Opens a page in a new tab, as a link with target=_blank or a sign-in popup does, and switches to it. */
    public void switchToNewWindow(Set<String> before) {
        patiently().until(d -> d.getWindowHandles().size() > before.size());
        for (String handle : driver.getWindowHandles()) {
            if (!before.contains(handle)) {
                driver.switchTo().window(handle);
                return;
            }
        }
    }

    public Set<String> windows() {
        return driver.getWindowHandles();
    }

    public void switchTo(String window) {
        driver.switchTo().window(window);
    }

    public String window() {
        return driver.getWindowHandle();
    }

    /**
     * Waits up to 30 s, looking again when the page changed under the look (a navigation between finding an
     * element and reading it).
     */
    private WebDriverWait patiently() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** The names of the cookies the browser would send to the current page, HttpOnly ones included. */
    public Set<String> cookieNames() {
        return driver.manage().getCookies().stream().map(org.openqa.selenium.Cookie::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebElement find(By by) {
        return patiently().until(d -> d.findElement(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** The page's HTML as the browser has it now, after its scripts ran. */
    public String source() {
        return driver.getPageSource();
    }

    public WebElement field(String name) {
        return find(By.name(name));
    }

    public void type(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
    }

    public Object executeScript(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** A script that ends by calling its last argument (e.g. when a promise settles). */
    public Object executeAsyncScript(String script, Object... arguments) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver.executeAsyncScript(script, arguments);
    }

    /** Keys pressed wherever the focus is, as a person at the keyboard does. */
    public void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    /** Keycloak's login page: username, password, "Sign In". */
    public void signIn(String username, String password) {
        waitForText("Sign in to your account");
        type("username", username);
        type("password", password);
        find(By.id("kc-login")).click();
    }

    public void submit() {
        find(By.cssSelector("[type=submit]")).click();
    }

    /** Waits until the page's text contains {@code words} (pages may finish after the load event). */
    public void waitForText(String words) {
        try {
            patiently().until(d -> text().contains(words));
        } catch (RuntimeException e) {
            throw new AssertionError("The page at " + url() + " never said \"" + words + "\"; it says: " + text(), e);
        }
    }

    /** Waits until nothing on the page matches {@code by} (a row that was removed, a dialog that closed). */
    public void waitUntilGone(By by) {
        patiently().until(d -> d.findElements(by).isEmpty());
    }

    /** A step a person sees: photographed and checked (no error page, no console error, nothing remote). */
    public void see(String label) {
        check(label, false);
    }

    /** A step whose page is an expected refusal (a 4xx page of ours): its status is not a console error. */
    public void seeRefusal(String label) {
        check(label, true);
    }

    /**
     * A step after a call of the page's script that was refused as expected (4xx, e.g. the admin console's
     * call that our rules refuse): that call's status, and only it, is not a console error.
     */
    public void seeRefusedCall(String label, String callPath) {
        check(label, false, callPath);
    }

    private void check(String label, boolean refusalExpected) {
        check(label, refusalExpected, null);
    }

    private void check(String label, boolean refusalExpected, String refusedCallPath) {
        step++;
        Path shot = screenshots.resolve(String.format("%02d-%s.png", step, label));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = text();
        assertFalse(text.contains("We are sorry"), "Keycloak's error page at step " + label + " (" + url() + "): " + text);
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !(refusalExpected && isThisPagesStatus(entry.getMessage()))
                    && !(refusedCallPath != null && isRefusedCall(entry.getMessage(), refusedCallPath))) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, "browser console errors at step " + label + " (" + url() + ")");
        collectRequests();
        assertEquals(Set.of(), remote(), "requests that left this machine by step " + label);
    }

    private static boolean isRefusedCall(String message, String callPath) {
        int space = message.indexOf(' ');
        return space > 0 && message.substring(0, space).contains(callPath) && REFUSAL_STATUS.matcher(message).find();
    }

    /**
     * The refusal page's own status, not that of a script or style it loads. After a form's POST, Keycloak's
     * login pages show another query in the address bar than the one posted to, so the path is compared.
     */
    private boolean isThisPagesStatus(String message) {
        int end = message.indexOf(' ');
        return end > 0 && withoutQuery(message.substring(0, end)).equals(withoutQuery(url()))
                && REFUSAL_STATUS.matcher(message).find();
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private void collectRequests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    requested.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Set<String> remote() {
        Set<String> remote = new TreeSet<>();
        for (String url : requested) {
            int colon = url.indexOf(':');
            if (colon > 0 && LOCAL_SCHEMES.contains(url.substring(0, colon))) {
                continue; // data: URLs need not even parse as URIs
            }
            URI uri = URI.create(url.replace(" ", "%20").replace("|", "%7C"));
            if (!LOCAL_HOSTS.contains(String.valueOf(uri.getHost()))) {
                remote.add(url);
            }
        }
        return remote;
    }

    /** A file the browser downloaded (into {@code downloads/} beside the screenshots), once it is complete. */
    public Path downloaded(String name) {
        Path file = screenshots.resolve("downloads").resolve(name);
        patiently().until(d -> Files.isRegularFile(file) && !Files.exists(file.resolveSibling(name + ".crdownload")));
        return file;
    }

    /** Every URL the browser requested so far. */
    public Set<String> requested() {
        collectRequests();
        return Set.copyOf(requested);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
