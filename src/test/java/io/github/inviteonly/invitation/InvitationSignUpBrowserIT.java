package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Sign-up on Keycloak's own registration page, reached through the link in the invitation email. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationSignUpBrowserIT {

    private static final String PASSWORD = "Invitee-Passw0rd!";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    @InjectWebDriver
    ManagedWebDriver browser;

    private Invitations invitations() {
        return new Invitations(demo);
    }

    @Test
    void theEmailLinkOpensRegistrationWithTheAddressFilledInAndCreatesTheInvitedAccount() {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of("director"));
        String link = Mailbox.link(Mailbox.waitFor(mail, email, 1), "/protocol/openid-connect/registrations");

        browser.open(link);

        assertEquals(email, field("email").getAttribute("value"));
        assertEquals("Ivy", field("firstName").getAttribute("value"));
        fillAndSubmit(null);

        assertTrue(browser.getCurrentUrl().contains("/realms/demo/account"), browser.getCurrentUrl());
        UserRepresentation user = demo.admin().users().searchByEmail(email, true).get(0);
        assertTrue(user.isEmailVerified());
        assertTrue(demo.admin().users().get(user.getId()).roles().realmLevel().listEffective().stream()
                .anyMatch(role -> role.getName().equals("director")));
        String director = invitations().directorToken();
        var invitation = Http.get(invitations().url() + "?email=" + email, director).json().get(0);
        assertEquals("ACCEPTED", invitation.get("status").asText());
        assertEquals(user.getId(), invitation.get("userId").asText());
        List<EventRepresentation> events = demo.admin().getEvents(List.of("REGISTER"), null, user.getId(), null, null, null, 0, 5);
        assertEquals(invitation.get("id").asText(), events.get(0).getDetails().get(InvitationService.INVITATION_ID_DETAIL));
        assertEquals(410, invitations().accept(Mailbox.invitationToken(Mailbox.waitFor(mail, email, 1)), PASSWORD).status(),
                "the same invitation cannot create a second account");
    }

    @Test
    void withoutAnInvitationTheRegistrationPageRefuses() {
        String email = Invitations.newEmail();

        browser.open(demo.getBaseUrl() + "/protocol/openid-connect/registrations?client_id=account&response_type=code"
                + "&scope=openid&redirect_uri=" + demo.getBaseUrl() + "/account/");
        assertTrue(browser.page().getPageSource().contains("by invitation only"), browser.page().getPageSource());
        field("email").sendKeys(email);
        field("firstName").sendKeys("Mallory");
        fillAndSubmit(null);

        assertTrue(browser.page().getPageSource().contains("by invitation only"));
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));
    }

    @Test
    void theInvitedAddressCannotBeSwappedForAnother() {
        String email = Invitations.newEmail();
        String other = Invitations.newEmail();
        invitations().invite(email, List.of());
        browser.open(Mailbox.link(Mailbox.waitFor(mail, email, 1), "/protocol/openid-connect/registrations"));

        fillAndSubmit(other);

        assertTrue(browser.page().getPageSource().contains("different email address"), browser.page().getPageSource());
        assertEquals(List.of(), demo.admin().users().searchByEmail(other, true));
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));
        assertEquals("PENDING", Http.get(invitations().url() + "?email=" + email, invitations().directorToken())
                .json().get(0).get("status").asText());
    }

    @Test
    void aLinkWhoseInvitationWasRevokedIsRefused() {
        String email = Invitations.newEmail();
        String id = invitations().invite(email, List.of()).json().get("id").asText();
        String link = Mailbox.link(Mailbox.waitFor(mail, email, 1), "/protocol/openid-connect/registrations");
        assertEquals(204, Http.delete(invitations().url() + "/" + id, invitations().directorToken()).status());

        browser.open(link);

        assertTrue(browser.page().getPageSource().contains("not valid, has expired, or has already been used"),
                browser.page().getPageSource());
    }

    private WebElement field(String name) {
        return browser.findElement(By.name(name));
    }

    /** Fills the rest of the form (a new email only if given) and submits it. */
    private void fillAndSubmit(String replaceEmail) {
        if (replaceEmail != null) {
            field("email").clear();
            field("email").sendKeys(replaceEmail);
        }
        field("lastName").sendKeys("Invitee");
        field("password").sendKeys(PASSWORD);
        field("password-confirm").sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("[type=submit]")).click();
    }

}
