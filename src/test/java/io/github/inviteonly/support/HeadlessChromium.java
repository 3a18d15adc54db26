package io.github.inviteonly.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, as a real browser for pages of the test server: the DOM after scripts
 * ran, a screenshot, and every URL the browser requested (from Chromium's own network log). In CI it
 * must be there ({@code .ci/run} installs it); elsewhere a missing Chromium skips with that reason.
 */
public final class HeadlessChromium {

    private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the browser made of a page: its DOM, and the URLs the page requested (its navigation,
     * scripts, styles, fetches), told apart in the network log from Chromium's own background traffic
     * (update checks and the like) by the page's network isolation key.
     */
    public record Rendered(String dom, Set<String> requestedUrls) {
    }

    private HeadlessChromium() {
    }

    public static void requireInstalled() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(EXECUTABLE + " is missing; .ci/run installs Debian's chromium");
        }
        Assumptions.abort(EXECUTABLE + " is missing: install Debian's chromium (apt-get install chromium) to run this test");
    }

    /** Loads the page, lets its scripts run, and saves a screenshot of it to {@code screenshot}. */
    public static Rendered render(String url, Path screenshot) throws IOException, InterruptedException {
        requireInstalled();
        Path work = Files.createTempDirectory("chromium-");
        Path netLog = work.resolve("net-log.json");
        String dom = run(work.resolve("profile-dom"), List.of("--log-net-log=" + netLog, "--dump-dom", url));
        Files.createDirectories(screenshot.getParent());
        run(work.resolve("profile-shot"), List.of("--window-size=1280,2000", "--screenshot=" + screenshot.toAbsolutePath(), url));
        return new Rendered(dom, pageRequests(netLog, URI.create(url)));
    }

    private static Set<String> pageRequests(Path netLog, URI page) throws IOException {
        JsonNode log = JSON.readTree(netLog.toFile());
        int startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
        String site = page.getScheme() + "://" + page.getHost();
        Set<String> urls = new TreeSet<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            if (event.path("type").asInt() == startJob && params.path("network_isolation_key").asText().startsWith(site + " ")) {
                urls.add(params.path("url").asText());
            }
        }
        return urls;
    }

    /** Hosts other than this machine that the browser asked for (data:, blob: and chrome: are local). */
    public static Set<String> remoteUrls(Set<String> urls) {
        Set<String> remote = new TreeSet<>();
        for (String url : urls) {
            URI uri = URI.create(url.replace(" ", "%20"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (Set.of("data", "blob", "chrome", "about", "chrome-extension").contains(scheme)) {
                continue;
            }
            if (!Set.of("localhost", "127.0.0.1", "[::1]").contains(String.valueOf(uri.getHost()))) {
                remote.add(url);
            }
        }
        return remote;
    }

    private static String run(Path profile, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-features=AutofillServerCommunication",
                "--user-data-dir=" + profile, "--virtual-time-budget=20000"));
        command.addAll(arguments);
        Path output = Files.createTempFile(profile.getParent(), "stdout-", ".html");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail("Chromium did not finish within 120 s: " + command);
        }
        assertEquals(0, process.exitValue(), "Chromium failed: " + command);
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
