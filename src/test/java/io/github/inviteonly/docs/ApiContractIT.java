package io.github.inviteonly.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.inviteonly.realm.ExtensionClient;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.OpenApiContract;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Real answers of the running server, success and error, checked against the document it serves. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ApiContractIT {

    private static final String PUBLIC = "/realms/{realm}/invite-only";
    private static final String ADMIN = "/admin/realms/{realm}/invite-only";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    private OpenApiContract contract;

    @BeforeEach
    void servedDocument() {
        contract = OpenApiContract.servedBy(demo);
    }

    @Test
    void theServedDocumentPointsAtThisServerAndRealm() throws Exception {
        JsonNode document = contract.document();
        String server = demo.getBaseUrl().substring(0, demo.getBaseUrl().indexOf("/realms/"));
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals(server, document.path("servers").path(0).path("url").asText());
        JsonNode flow = document.path("components").path("securitySchemes").path("oidc").path("flows").path("authorizationCode");
        JsonNode discovery = Http.get(demo.getBaseUrl() + "/.well-known/openid-configuration", null).json();
        assertEquals(discovery.path("authorization_endpoint").asText(), flow.path("authorizationUrl").asText());
        assertEquals(discovery.path("token_endpoint").asText(), flow.path("tokenUrl").asText());
        assertEquals("demo", document.path("paths").path(PUBLIC + "/me").path("parameters").path(0).path("schema")
                .path("default").asText());

        Http.Reply yaml = Http.get(DemoRealm.api(demo) + "/openapi.yaml", null);
        assertEquals(200, yaml.status());
        assertTrue(yaml.header("Content-Type").startsWith("application/yaml"), yaml.header("Content-Type"));
        assertEquals(document, new YAMLMapper().readTree(yaml.raw().body()));
    }

    @Test
    void swaggerUiCanSignInWithTheRealmUsingAuthorizationCodeAndPkce() {
        String redirect = DemoRealm.api(demo) + "/docs/oauth2-redirect.html";
        String page = Http.get(DemoRealm.api(demo) + "/docs", null).raw().body();
        assertTrue(page.contains("data-client-id=\"" + ExtensionClient.CLIENT_ID + "\""), page);
        assertTrue(page.contains("data-oauth2-redirect=\"" + redirect + "\""), page);
        assertEquals(200, Http.get(redirect, null).status());

        JsonNode discovery = Http.get(demo.getBaseUrl() + "/.well-known/openid-configuration", null).json();
        assertTrue(discovery.path("code_challenge_methods_supported").toString().contains("S256"), discovery::toString);
        // What Authorize sends: the extension's client accepts the docs page as redirect URI and shows the login form.
        Http.Reply login = Http.get(discovery.path("authorization_endpoint").asText() + "?client_id=" + ExtensionClient.CLIENT_ID
                + "&response_type=code&scope=openid&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=" + redirect, null);
        assertEquals(200, login.status(), login.toString());
        assertTrue(login.raw().body().contains("kc-form-login"), "the login form, not an invalid redirect_uri error");
        // The code is then exchanged by the page's script, so the token endpoint must allow its origin.
        Http.Reply preflight = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        discovery.path("token_endpoint").asText()))
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals("http://localhost:8080", preflight.header("Access-Control-Allow-Origin"), preflight.toString());
    }

    @Test
    void meAnswersAsDocumented() {
        String sales = DemoRealm.accessToken(demo, DemoRealm.SAM, DemoRealm.SAM_PASSWORD);
        contract.check("GET", PUBLIC + "/me", Http.get(DemoRealm.api(demo) + "/me", sales));
        contract.check("GET", PUBLIC + "/me", Http.get(DemoRealm.api(demo) + "/me", null));
    }

    @Test
    void invitationEndpointsAnswerAsDocumented() {
        Invitations invitations = new Invitations(demo);
        String director = invitations.directorToken();
        String sales = invitations.salesToken();
        String email = Invitations.newEmail();
        String url = invitations.url();
        Map<String, Object> invite = Map.of("email", email, "firstName", "Ivy", "roles", List.of("director"));

        String id = contract.check("POST", ADMIN + "/invitations", Http.postJson(url, director, invite)).json().get("id").asText();
        contract.check("POST", ADMIN + "/invitations", Http.postJson(url, director, invite));
        contract.check("POST", ADMIN + "/invitations", Http.postJson(url, director, Map.of("email", "nope")));
        contract.check("POST", ADMIN + "/invitations", Http.postJson(url, sales, invite));
        contract.check("POST", ADMIN + "/invitations", Http.postJson(url, null, invite));
        contract.check("POST", ADMIN + "/invitations/bulk", Http.postJson(url + "/bulk", director,
                Map.of("invitations", List.of(Map.of("email", Invitations.newEmail(), "firstName", "Bo"), Map.of("email", "x")))));
        contract.check("GET", ADMIN + "/invitations", Http.get(url + "?status=PENDING&max=5", director));
        contract.check("GET", ADMIN + "/invitations", Http.get(url + "?status=LOST", director));
        for (String paging : List.of("first=abc", "max=2147483648", "first=-1")) {
            Http.Reply refused = contract.check("GET", ADMIN + "/invitations", Http.get(url + "?" + paging, director));
            assertEquals(400, refused.status(), refused::toString);
            assertEquals(paging.substring(0, paging.indexOf('=')), refused.json().get("field").asText(), refused::toString);
        }
        contract.check("GET", ADMIN + "/invitations/count", Http.get(url + "/count", director));
        contract.check("GET", ADMIN + "/invitations/{id}", Http.get(url + "/" + id, director));
        contract.check("GET", ADMIN + "/invitations/{id}", Http.get(url + "/no-such-id", director));
        contract.check("POST", ADMIN + "/invitations/{id}/resend", Http.postJson(url + "/" + id + "/resend", director, Map.of()));

        String token = Mailbox.invitationToken(Mailbox.waitFor(mail, email, 2));
        String signUp = invitations.publicUrl() + "/sign-up?token=";
        contract.check("GET", PUBLIC + "/invitations/sign-up", Http.get(signUp + token, null));
        contract.check("GET", PUBLIC + "/invitations/sign-up", Http.get(signUp + "unknown", null));
        contract.check("GET", PUBLIC + "/invitations/sign-up", Http.get(signUp + "%7Bx%7D", null));
        contract.check("GET", PUBLIC + "/invitations/signed-up", Http.get(invitations.publicUrl() + "/signed-up?state=" + id, null));
        String lookup = invitations.publicUrl() + "/lookup";
        contract.check("POST", PUBLIC + "/invitations/lookup", Http.postJson(lookup, null, Map.of("token", token)));
        contract.check("POST", PUBLIC + "/invitations/lookup", Http.postJson(lookup, null, Map.of("token", "unknown")));
        String accept = invitations.publicUrl() + "/accept";
        Map<String, Object> weak = Map.of("token", token, "password", "weak", "firstName", "Ivy");
        contract.check("POST", PUBLIC + "/invitations/accept", Http.postJson(accept, null, weak));
        Map<String, Object> good = Map.of("token", token, "password", "Invitee-Passw0rd!", "firstName", "Ivy");
        contract.check("POST", PUBLIC + "/invitations/accept", Http.postJson(accept, null, good));
        contract.check("POST", PUBLIC + "/invitations/accept", Http.postJson(accept, null, good));
        contract.check("POST", PUBLIC + "/invitations/lookup", Http.postJson(lookup, null, Map.of("token", token)));
        contract.check("GET", PUBLIC + "/invitations/sign-up", Http.get(signUp + token, null));
        contract.check("DELETE", ADMIN + "/invitations/{id}", Http.delete(url + "/" + id, director));

        String other = contract.check("POST", ADMIN + "/invitations",
                Http.postJson(url, director, Map.of("email", Invitations.newEmail(), "firstName", "Al"))).json().get("id").asText();
        contract.check("DELETE", ADMIN + "/invitations/{id}", Http.delete(url + "/" + other, director));
    }

    @Test
    void passwordResetEndpointsAnswerAsDocumented() {
        PasswordResets resets = new PasswordResets(demo);
        Person person = resets.newPerson();
        String admin = resets.adminToken();
        String director = DemoRealm.accessToken(demo, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);

        contract.check("POST", PUBLIC + "/password-resets", resets.ask(person.email()));
        contract.check("POST", PUBLIC + "/password-resets", Http.postJson(resets.publicUrl(), null, Map.of("email", 1)));
        String id = resets.awaitRequestOf(person, "PENDING").get("id").asText();
        contract.check("GET", ADMIN + "/password-resets", Http.get(resets.url() + "?status=PENDING", admin));
        contract.check("GET", ADMIN + "/password-resets", Http.get(resets.url(), director));
        contract.check("GET", ADMIN + "/password-resets", Http.get(resets.url() + "?max=0", admin));
        contract.check("GET", ADMIN + "/password-resets", Http.get(resets.url() + "?first=abc", admin));
        contract.check("GET", ADMIN + "/password-resets/count", Http.get(resets.url() + "/count?status=PENDING", admin));
        contract.check("GET", ADMIN + "/password-resets/{id}", Http.get(resets.url() + "/" + id, admin));
        contract.check("GET", ADMIN + "/password-resets/{id}", Http.get(resets.url() + "/nothing", admin));
        contract.check("POST", ADMIN + "/password-resets/{id}/approve", resets.approve(id, director));
        contract.check("POST", ADMIN + "/password-resets/{id}/approve", resets.approve(id, admin));
        contract.check("POST", ADMIN + "/password-resets/{id}/reject", resets.reject(id, admin, Map.of("reason", "late")));
        contract.check("POST", ADMIN + "/password-resets/{id}/reject", resets.reject(id, admin, Map.of("reason", 3)));
        contract.check("POST", ADMIN + "/password-resets/{id}/resend", Http.postJson(resets.url() + "/" + id + "/resend", admin, ""));
        contract.check("POST", ADMIN + "/password-resets/{id}/resend", Http.postJson(resets.url() + "/nothing/resend", admin, ""));

        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 2), "/password-resets/complete?token=");
        String token = Mailbox.tokenOf(link);
        contract.check("GET", PUBLIC + "/password-resets/complete", Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(link)).GET()));
        contract.check("GET", PUBLIC + "/password-resets/complete", Http.get(resets.publicUrl() + "/complete?token=bad", null));
        contract.check("GET", PUBLIC + "/password-resets/complete", Http.get(resets.publicUrl() + "/complete?token=%7Bx%7D", null));
        contract.check("GET", PUBLIC + "/password-resets/complete", Http.get(resets.publicUrl() + "/complete", null));
        String page = link.replace("/complete?", "/complete/page?");
        contract.check("POST", PUBLIC + "/password-resets/complete/page", Http.postForm(page, Map.of("password-new", "weak",
                "password-confirm", "weak")));
        contract.check("POST", PUBLIC + "/password-resets/complete/page", Http.postForm(page, Map.of("password-new", "a",
                "password-confirm", "b")));
        contract.check("POST", PUBLIC + "/password-resets/complete/page", Http.postForm(
                resets.publicUrl() + "/complete/page?token=%7Bx%7D", Map.of("password-new", "a")));
        contract.check("POST", PUBLIC + "/password-resets/complete", resets.complete(token, "weak"));
        contract.check("POST", PUBLIC + "/password-resets/complete", resets.complete(token, PasswordResets.NEW_PASSWORD));
        contract.check("POST", PUBLIC + "/password-resets/complete", resets.complete(token, PasswordResets.NEW_PASSWORD));
        contract.check("POST", PUBLIC + "/password-resets/complete/page", Http.postForm(page, Map.of("password-new",
                PasswordResets.NEW_PASSWORD, "password-confirm", PasswordResets.NEW_PASSWORD)));
        contract.check("GET", PUBLIC + "/password-resets/complete", Http.get(link, null));
    }

    @Test
    void docsPagesAnswerAsDocumentedWithAContentSecurityPolicyAndCanBeTurnedOff() {
        String api = DemoRealm.api(demo);
        for (String page : List.of("docs", "redoc")) {
            Http.Reply reply = contract.check("GET", PUBLIC + "/" + page, Http.get(api + "/" + page, null));
            assertEquals(DocsResource.CSP, reply.header("Content-Security-Policy"));
        }
        Http.Reply script = contract.check("GET", PUBLIC + "/docs/{file}", Http.get(api + "/docs/swagger-ui-bundle.js", null));
        assertTrue(script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
        contract.check("GET", PUBLIC + "/redoc/{file}", Http.get(api + "/redoc/redoc.standalone.js", null));
        contract.check("GET", PUBLIC + "/docs/{file}", Http.get(api + "/docs/index.html", null));
        contract.check("GET", PUBLIC + "/redoc/{file}", Http.get(api + "/redoc/..%2Fopenapi.json", null));

        demo.updateWithCleanup(r -> r.attribute("inviteOnly.docs.enabled", "false"));
        contract.check("GET", PUBLIC + "/docs", Http.get(api + "/docs", null));
        assertEquals(404, Http.get(api + "/docs", null).status());
        assertEquals(404, Http.get(api + "/redoc", null).status());
        assertEquals(404, Http.get(api + "/docs/swagger-ui-bundle.js", null).status());
        assertEquals(200, Http.get(api + "/openapi.json", null).status(), "the document itself stays available");
    }
}
