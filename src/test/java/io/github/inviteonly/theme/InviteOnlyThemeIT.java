package io.github.inviteonly.theme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The invite-only theme, from the JAR alone (the test server has no themes folder of ours): login pages
 * with its wording and style, emails in its frame.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InviteOnlyThemeIT {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @Test
    void theJarProvidesTheLoginAndEmailTheme() {
        var themes = admin.serverInfo().getInfo().getThemes();
        for (String type : List.of("login", "email")) {
            assertTrue(themes.get(type).stream().map(ThemeInfoRepresentation::getName).anyMatch("invite-only"::equals),
                    type + " themes: " + themes.get(type));
        }
    }

    @Test
    void theDemoLoginPagesUseItsStyleAndWording() {
        String page = Http.get(demo.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + DemoRealm.CLIENT
                + "&response_type=code&scope=openid&redirect_uri=http://localhost:3000/"
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", null).raw().body();
        assertTrue(page.contains("/login/invite-only/css/invite-only.css"), page);

        String register = Http.get(demo.getBaseUrl() + "/protocol/openid-connect/registrations?client_id=account"
                + "&response_type=code&scope=openid&redirect_uri=" + demo.getBaseUrl() + "/account/", null).raw().body();
        // Without an invitation the registration page is our refusal in the theme's wording (the form's
        // title, "Accept your invitation", is shown to invitees: InvitationJourneyIT).
        assertTrue(register.contains("ask an administrator to invite you"), register);
        assertTrue(register.contains("/login/invite-only/css/invite-only.css"), register);
    }

    @Test
    void emailsComeInItsBrandedFrame() {
        Invitations invitations = new Invitations(demo);
        String email = Invitations.newEmail();
        invitations.invite(email, List.of());

        String text = Mailbox.text(Mailbox.waitFor(mail, email, 1));
        assertTrue(text.contains("border-top:6px solid #1f6f5c"), text);
        assertTrue(text.contains("is invitation-only. You receive this email"), text);
    }
}
