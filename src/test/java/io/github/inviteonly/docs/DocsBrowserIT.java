package io.github.inviteonly.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Swagger UI and ReDoc in a real browser: both show every operation without asking anything of another
 * host, and an admin signs in with Authorize and creates an invitation with "Try it out". Screenshots
 * under {@code target/journeys/}.
 */
@KeycloakIntegrationTest(config = io.github.inviteonly.support.InviteOnlyServerConfig.class)
class DocsBrowserIT {

    private static final String INVITATIONS = "/admin/realms/{realm}/invite-only/invitations";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @Test
    void anAdminSignsInWithAuthorizeAndCreatesAnInvitationWithTryItOut() {
        String email = Invitations.newEmail();
        try (Browser admin = Browser.start("docs-authorize-try-it-out")) {
            // Not the host the realm was set up with: Authorize works on whatever host Keycloak answers.
            admin.open(DemoRealm.api(demo).replace("//localhost:", "//127.0.0.1:") + "/docs");
            admin.find(By.cssSelector(".opblock-summary"));
            admin.see("swagger-ui");

            admin.find(By.cssSelector("button.authorize")).click();
            admin.waitForText("authorizationCode");
            admin.see("authorize-dialog");
            // Besides pasting a token ("bearer"), one way to sign in: one OAuth2 flow with one scope, ticked.
            List<WebElement> oauth = admin.findAll(By.xpath("//*[contains(@class,'auth-container')][.//h4[contains(.,'OAuth2')]]"));
            assertEquals(1, oauth.size(), "one OAuth2 section");
            assertEquals(1, oauth.get(0).findElements(By.xpath(".//*[starts-with(normalize-space(),'Flow:')]")).size(), "one flow");
            List<WebElement> scopes = oauth.get(0).findElements(By.cssSelector("input[type=checkbox]"));
            assertEquals(1, scopes.size(), "one scope");
            assertTrue(scopes.get(0).isSelected(), "openid is ticked");

            String page = admin.window();
            Set<String> before = admin.windows();
            oauth.get(0).findElement(By.cssSelector(".auth-btn-wrapper .authorize")).click();
            admin.switchToNewWindow(before);
            admin.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            admin.switchTo(page);
            admin.waitForText("Logout");
            admin.see("authorized");
            admin.find(By.xpath("//*[contains(@class,'auth-container')][.//h4[contains(.,'OAuth2')]]//*[contains(@class,'btn-done')]"))
                    .click();

            WebElement create = admin.find(By.xpath("//*[contains(@class,'opblock-post')][.//*[@data-path='" + INVITATIONS + "']]"));
            create.findElement(By.cssSelector(".opblock-summary-control")).click();
            admin.find(By.cssSelector(".try-out__btn")).click();
            WebElement body = admin.find(By.cssSelector("textarea.body-param__text"));
            body.clear();
            body.sendKeys("{\"email\": \"" + email + "\", \"firstName\": \"Tia\", \"sendEmail\": false}");
            admin.see("try-it-out");
            admin.find(By.cssSelector(".execute")).click();
            admin.waitForText("Server response");
            admin.find(By.xpath("//*[contains(@class,'live-responses-table')]//*[contains(@class,'response-col_status')][normalize-space()='201']"));
            admin.see("created");
        }
        JsonNode created = Http.get(new Invitations(demo).url() + "?email=" + email, new Invitations(demo).adminToken()).json();
        assertEquals("PENDING", created.get(0).get("status").asText(), created.toString());
    }

    @Test
    void swaggerUiShowsEveryOperationUsingOnlyThisServer() {
        try (Browser reader = Browser.start("docs-swagger-ui")) {
            reader.open(DemoRealm.api(demo) + "/docs");
            reader.find(By.cssSelector(".opblock-summary"));
            reader.see("swagger-ui");
            assertEveryOperationShown(reader);
        }
    }

    @Test
    void redocShowsEveryOperationUsingOnlyThisServer() {
        try (Browser reader = Browser.start("docs-redoc")) {
            reader.open(DemoRealm.api(demo) + "/redoc");
            reader.waitForText("keycloak-invite-only");
            reader.see("redoc");
            assertEveryOperationShown(reader);
        }
    }

    private void assertEveryOperationShown(Browser reader) {
        String page = reader.source();
        List<String> missing = new ArrayList<>();
        for (String summary : summaries()) {
            if (!page.contains(summary.replace("&", "&amp;"))) {
                missing.add(summary);
            }
        }
        assertEquals(List.of(), missing, "operations the page does not show");
        assertTrue(reader.requested().stream().anyMatch(url -> url.endsWith("/openapi.json")), reader.requested()::toString);
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
