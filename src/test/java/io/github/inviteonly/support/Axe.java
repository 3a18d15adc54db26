package io.github.inviteonly.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (from its webjar) run in the page the browser shows: a view passes when axe reports no
 * violation of serious or critical impact. The script is handed to the page by the driver, so the page's
 * own Content-Security-Policy stays as it is.
 */
public final class Axe {

    private static final String SCRIPT = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String source;

    private Axe() {
    }

    /** Fails with each serious or critical violation (rule, impact, the elements' selectors) of the page as it is now. */
    public static void assertClean(Browser browser, String view) {
        browser.executeScript(script());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
                        + "id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
                        + ".catch(e => done([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: ''}]));");
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> violation : violations) {
            if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                serious.add(violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help")
                        + " at " + violation.get("nodes"));
            }
        }
        assertEquals(List.of(), serious, "axe-core: serious or critical violations on " + view);
    }

    private static synchronized String script() {
        if (source == null) {
            try (InputStream in = Axe.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is not on the test classpath");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
