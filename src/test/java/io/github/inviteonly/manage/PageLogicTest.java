package io.github.inviteonly.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.github.inviteonly.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manage page's own logic (CSV, the bulk preview's checks, durations and lifetime choices), run in
 * Chromium on the page's modules as the JAR holds them, served by a JDK HTTP server: no Keycloak.
 */
class PageLogicTest {

    private static final String FOLDER = "/io/github/inviteonly/manage/";
    private static HttpServer server;
    private static Browser browser;

    @BeforeAll
    static void serveThePagesModules() throws IOException {
        browser = Browser.start("manage-page-logic");
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type = "text/javascript";
            if (path.equals("/")) {
                body = "<!doctype html><html lang=\"en\"><head><title>t</title><link rel=\"icon\" href=\"data:,\"></head><body data-languages=\"en de\" data-lang=\"en\"></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                type = "text/html";
            } else {
                try (InputStream in = PageLogicTest.class.getResourceAsStream(FOLDER + path.substring(1))) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        browser.open("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** The JSON of what {@code expression} gives, with the page's modules {@code csv}, {@code bulk}, {@code ui} in scope. */
    private static Object run(String expression) {
        return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all([import('./csv.js'), import('./bulk.js'), import('./ui.js')])"
                + ".then(([csv, bulk, ui]) => done(JSON.stringify(" + expression + ")))"
                + ".catch(e => done('failed: ' + e));");
    }

    @Test
    void csvReadsQuotesCommasLineBreaksAndSemicolonsAndWritesWhatSpreadsheetsRead() {
        assertEquals("[[\"email\",\"firstName\"],[\"a@b.c\",\"X, \\\"Y\\\"\"],[\"d@e.f\",\"two\\nlines\"]]",
                run("csv.parse('\\uFEFFemail,firstName\\r\\na@b.c,\"X, \"\"Y\"\"\"\\n\\nd@e.f,\"two\\nlines\"\\n')"));
        assertEquals("[[\"email\",\"name\"],[\"a@b.c\",\"Zoë\"]]", run("csv.parse('email;name\\na@b.c;Zoë')"));
        assertEquals("\"a,\\\"b,c\\\",'=SUM(A1),\\\"x\\\"\\\"y\\\"\\r\\n\"", run("csv.format([['a', 'b,c', '=SUM(A1)', 'x\"y']])"));
    }

    @Test
    void theBulkPreviewExplainsEachBadRow() {
        String options = "{roles: [{name: 'director'}], groups: ['/team']}";
        Object checked = run("bulk.check('email,firstName,lastName,roles,groups\\n"
                + "A@Example.org,A,,director,team\\n"
                + "a@example.org,Again,,,\\n"
                + "not-an-address,,,,\\n"
                + "b@example.org,,,admin|director,/other\\n', " + options + ").rows.map(r => [r.line, r.email, r.roles, r.groups, r.problems])");
        assertEquals("[[2,\"a@example.org\",[\"director\"],[\"/team\"],[]],"
                + "[3,\"a@example.org\",[],[],[\"the same address appears earlier in the file\"]],"
                + "[4,\"not-an-address\",[],[],[\"not an email address\"]],"
                + "[5,\"b@example.org\",[\"admin\",\"director\"],[\"/other\"],[\"you may not grant the role admin\",\"you may not add members to /other\"]]]",
                checked);
        assertEquals("\"Unknown columns: phone\"", run("bulk.check('email,phone\\na@b.org,1', " + options + ").error"));
        assertEquals("\"The first row must name the columns, among them email.\"", run("bulk.check('name\\nx', " + options + ").error"));
        assertEquals("\"At most 500 rows at a time.\"",
                run("bulk.check('email\\n' + Array.from({length: 501}, (_, i) => i + '@x.org').join('\\n'), " + options + ").error"));
    }

    @Test
    void durationsAndLifetimeChoices() {
        Map<String, String> durations = Map.of("1200", "20 minutes", "60", "1 minute", "3600", "1 hour", "7200", "2 hours",
                "86400", "1 day", "604800", "7 days", "5400", "90 minutes");
        durations.forEach((seconds, words) -> assertEquals("\"" + words + "\"", run("ui.duration(" + seconds + ")"), seconds));
        assertEquals("[600,1200,1800,3600]", run("ui.lifetimeChoices([300, 600, 1800, 3600, 7200], 600, 3600, 1200)"));
        assertEquals("[300,600]", run("ui.lifetimeChoices([300, 600], 300, 600, 99999)"));
    }
}
