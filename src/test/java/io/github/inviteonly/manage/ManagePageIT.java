package io.github.inviteonly.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.realm.ManageClient;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.OtherRealmConfig;
import io.github.inviteonly.support.PasswordResets;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/** The manage page as the server serves it, its client in every realm, and what the access call tells whom. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ManagePageIT {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectRealm(ref = "other", fromJson = DemoRealm.JSON, config = OtherRealmConfig.class)
    ManagedRealm other;

    @InjectAdminClient
    Keycloak admin;

    private String page() {
        return DemoRealm.api(demo) + "/manage/";
    }

    @Test
    void thePageIsServedFromTheJarWithAStrictPolicyAndKeycloaksOwnPatternFly() {
        Http.Reply reply = Http.get(page(), null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").startsWith("text/html"), reply::toString);
        String csp = reply.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        String html = reply.raw().body();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "no inline script: " + html);
        assertTrue(html.contains("data-client-id=\"" + ManageClient.CLIENT_ID + "\""), html);
        assertTrue(html.contains("data-page=\"" + page() + "\""), html);

        Matcher stylesheet = Pattern.compile("href=\"([^\"]*patternfly[^\"]*)\"").matcher(html);
        assertTrue(stylesheet.find(), html);
        Http.Reply css = Http.get(stylesheet.group(1), null);
        assertEquals(200, css.status(), "Keycloak serves PatternFly at " + stylesheet.group(1));
        assertTrue(css.header("Content-Type").startsWith("text/css"), css::toString);

        for (String file : List.of("app.js", "auth.js", "api.js", "i18n.js", "ui.js", "resets.js", "invitations.js", "bulk.js", "csv.js",
                "messages-en.js", "messages-de.js")) {
            Http.Reply script = Http.get(page() + file, null);
            assertEquals(200, script.status(), file);
            assertTrue(script.header("Content-Type").startsWith("text/javascript"), file);
            assertFalse(script.raw().body().matches("(?s).*https?://(?!localhost).*\\bimport\\b.*"), file);
        }
        assertEquals(200, Http.get(page() + "manage.css", null).status());
        assertEquals(400, Http.get(page() + "../version.properties", null).status(), "a path that is not normalized");
        assertEquals(404, Http.get(page() + "ManageResource.class", null).status());

        Http.Reply withoutSlash = Http.get(DemoRealm.api(demo) + "/manage", null);
        assertEquals(303, withoutSlash.status(), withoutSlash::toString);
        assertEquals(page(), withoutSlash.header("Location"));
    }

    @Test
    void thePageSpeaksTheVisitorsLanguageAmongTheRealms() {
        Http.Reply german = Http.send(HttpRequest.newBuilder(URI.create(page())).header("Accept-Language", "de-DE,de;q=0.9"));
        assertTrue(german.raw().body().contains("<html lang=\"de\""), german.raw().body());
        Http.Reply english = Http.send(HttpRequest.newBuilder(URI.create(page())).header("Accept-Language", "fr-FR"));
        assertTrue(english.raw().body().contains("<html lang=\"en\""), english.raw().body());
    }

    @Test
    void everyRealmHasThePagesPublicPkceClientWithExactlyThePageAsRedirect() {
        for (String realm : List.of("master", demo.getName(), other.getName())) {
            List<ClientRepresentation> found = admin.realm(realm).clients().findByClientId(ManageClient.CLIENT_ID);
            assertEquals(1, found.size(), realm);
            ClientRepresentation client = found.get(0);
            assertTrue(client.isPublicClient(), realm);
            assertEquals("${authBaseUrl}", client.getRootUrl(), realm);
            assertEquals(List.of("/realms/" + realm + "/invite-only/manage/"), client.getRedirectUris(), realm);
            assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"), realm);
            assertFalse(client.isDirectAccessGrantsEnabled(), realm);
            assertFalse(client.isImplicitFlowEnabled(), realm);
        }
        // Its login page accepts the page as redirect URI, and nothing else.
        String auth = demo.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + ManageClient.CLIENT_ID
                + "&response_type=code&scope=openid&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=";
        Http.Reply login = Http.get(auth + page(), null);
        assertEquals(200, login.status(), login::toString);
        assertTrue(login.raw().body().contains("kc-form-login"), "the login form");
        Http.Reply elsewhere = Http.get(auth + DemoRealm.api(demo) + "/docs", null);
        assertTrue(elsewhere.raw().body().contains("Invalid parameter: redirect_uri"), elsewhere::toString);
    }

    @Test
    void accessSaysWhatTheApiAllowsEachCaller() {
        String url = DemoRealm.adminApi(demo) + "/access";
        JsonNode alice = Http.get(url, DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD)).json();
        assertEquals(List.of(true, true, true), flags(alice), alice::toString);
        assertEquals(DemoRealm.ALICE, alice.get("username").asText());
        JsonNode dave = Http.get(url, DemoRealm.accessToken(demo, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD)).json();
        assertEquals(List.of(false, true, true), flags(dave), dave::toString);
        JsonNode sam = Http.get(url, DemoRealm.accessToken(demo, DemoRealm.SAM, DemoRealm.SAM_PASSWORD)).json();
        assertEquals(List.of(false, false, false), flags(sam), sam::toString);
        PasswordResets resets = new PasswordResets(demo);
        PasswordResets.Person helpDesk = resets.newPerson("approve-password-resets");
        JsonNode approver = Http.get(url, PasswordResets.tokenOf(demo, helpDesk, PasswordResets.OLD_PASSWORD)).json();
        assertEquals(List.of(true, false, false), flags(approver), approver::toString);
        assertEquals(helpDesk.id(), approver.get("userId").asText());

        assertEquals(401, Http.get(url, null).status());
        String foreign = DemoRealm.accessToken(other, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        assertEquals(403, Http.get(url, foreign).status(), "a token of another realm is refused (by Keycloak, before us)");
        assertEquals(403, Http.get(DemoRealm.adminApi(demo) + "/password-resets", foreign).status());
    }

    private static List<Boolean> flags(JsonNode access) {
        return List.of(access.get("passwordResets").asBoolean(), access.get("viewInvitations").asBoolean(),
                access.get("manageInvitations").asBoolean());
    }
}
