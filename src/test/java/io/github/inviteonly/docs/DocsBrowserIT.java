package io.github.inviteonly.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.HeadlessChromium;
import io.github.inviteonly.support.HeadlessChromium.Rendered;
import io.github.inviteonly.support.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Swagger UI and ReDoc in a real headless Chromium: both show every operation, and the browser asks
 * nothing of any host but the test server. Screenshots are kept under {@code target/docs-screenshots}.
 */
@KeycloakIntegrationTest(config = io.github.inviteonly.support.InviteOnlyServerConfig.class)
class DocsBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @Test
    void swaggerUiShowsEveryOperationUsingOnlyThisServer() throws Exception {
        Rendered page = HeadlessChromium.render(DemoRealm.api(demo) + "/docs", SCREENSHOTS.resolve("swagger-ui.png"));

        assertTrue(page.dom().contains("opblock-summary"), "Swagger UI rendered no operations");
        assertEveryOperationShown(page);
    }

    @Test
    void redocShowsEveryOperationUsingOnlyThisServer() throws Exception {
        Rendered page = HeadlessChromium.render(DemoRealm.api(demo) + "/redoc", SCREENSHOTS.resolve("redoc.png"));

        assertTrue(page.dom().contains("keycloak-invite-only"), "ReDoc rendered no title");
        assertEveryOperationShown(page);
    }

    private void assertEveryOperationShown(Rendered page) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String summary : summaries()) {
            if (!page.dom().contains(summary.replace("&", "&amp;"))) {
                missing.add(summary);
            }
        }
        assertEquals(List.of(), missing, "operations the page does not show");
        assertTrue(page.requestedUrls().stream().anyMatch(url -> url.endsWith("/openapi.json")), page.requestedUrls()::toString);
        assertEquals(Set.of(), HeadlessChromium.remoteUrls(page.requestedUrls()), "requests that left this machine");
        assertTrue(Files.size(SCREENSHOTS.resolve(page.dom().contains("opblock") ? "swagger-ui.png" : "redoc.png")) > 10_000,
                "a screenshot with something on it");
    }

    private List<String> summaries() {
        List<String> summaries = new ArrayList<>();
        for (JsonNode path : OpenApiContract.servedBy(demo).document().path("paths")) {
            path.fields().forEachRemaining(entry -> {
                if (entry.getValue().has("summary")) {
                    summaries.add(entry.getValue().path("summary").asText());
                }
            });
        }
        assertFalse(summaries.isEmpty());
        return summaries;
    }
}
