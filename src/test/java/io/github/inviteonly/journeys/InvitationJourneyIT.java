package io.github.inviteonly.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.invitation.InvitationAcceptance;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoApps;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/**
 * The invitee's journey in a real browser, from the link in the email to being signed in where the
 * invitation says: with no client (the account console), with the public single-page app that requires
 * PKCE, and with the confidential portal. Screenshots under {@code target/journeys/}.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationJourneyIT extends InvitationFixture {

    private static final String PASSWORD = "Invitee-Passw0rd!";
    private static DemoApps apps;

    @BeforeAll
    static void startApps() {
        apps = DemoApps.start("http://localhost:8080/realms/demo");
    }

    @AfterAll
    static void stopApps() {
        apps.close();
    }

    @Test
    void withoutAClientTheInviteeSignsUpAndLandsSignedInOnTheAccountConsole() {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of("director"));
        MimeMessage message = Mailbox.waitFor(mail, email, 1);
        assertTrue(Mailbox.text(message).contains("invites you to create an account"), Mailbox.text(message));
        String link = Mailbox.link(message, "/invitations/sign-up?token=");

        try (Browser invitee = Browser.start("invitation-without-client")) {
            invitee.open(link);
            invitee.waitForText("Accept your invitation");
            invitee.see("registration-form");
            assertFalse(invitee.url().contains(Mailbox.invitationToken(message)),
                    "the token stays out of Keycloak's registration URL (and so out of its sessions): " + invitee.url());
            assertEquals(email, invitee.field("email").getAttribute("value"));
            assertEquals("true", invitee.field("email").getAttribute("readonly"), "the invited address is shown read-only");
            assertEquals("Ivy", invitee.field("firstName").getAttribute("value"));

            fillAndSubmit(invitee, "weak");
            invitee.waitForText("Invalid password");
            invitee.see("weak-password-refused");
            assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));

            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("Personal info");
            invitee.see("account-console");
            assertTrue(invitee.url().startsWith(demo.getBaseUrl() + "/account"), invitee.url());

            UserRepresentation user = demo.admin().users().searchByEmail(email, true).get(0);
            assertTrue(user.isEmailVerified());
            assertTrue(demo.admin().users().get(user.getId()).roles().realmLevel().listEffective().stream()
                    .anyMatch(role -> role.getName().equals("director")));
            JsonNode invitation = Http.get(invitations().url() + "?email=" + email, invitations().directorToken()).json().get(0);
            assertEquals("ACCEPTED", invitation.get("status").asText());
            assertEquals(user.getId(), invitation.get("userId").asText());
            List<EventRepresentation> events = demo.admin().getEvents(List.of("REGISTER"), null, user.getId(), null, null, null, 0, 5);
            assertEquals(invitation.get("id").asText(), events.get(0).getDetails().get(InvitationAcceptance.INVITATION_ID_DETAIL));

            invitee.open(link);
            invitee.waitForText("already been used");
            invitee.seeRefusal("link-used-again");
            assertTrue(invitee.findAll(By.name("password")).isEmpty(), "no form on the page of a used invitation");
        }
        assertEquals(410, invitations().accept(Mailbox.invitationToken(message), PASSWORD).status(),
                "the same invitation cannot create a second account");
        assertEquals(1, demo.admin().users().searchByEmail(email, true).size());
    }

    @Test
    void forThePkceSinglePageAppTheInviteeEndsSignedInInTheApp() {
        String email = invite(DemoRealm.CLIENT, DemoApps.SPA);

        try (Browser invitee = Browser.start("invitation-pkce-app")) {
            invitee.open(Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token="));
            invitee.waitForText("Accept your invitation");
            invitee.see("registration-form");
            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("Signed in to the demo app as " + email);
            invitee.see("signed-in-in-the-app");
            assertTrue(invitee.url().startsWith(DemoApps.SPA), invitee.url());
        }
    }

    @Test
    void forTheConfidentialPortalTheInviteeEndsSignedInThere() {
        String email = invite(DemoApps.PORTAL_CLIENT, DemoApps.PORTAL);

        try (Browser invitee = Browser.start("invitation-confidential-portal")) {
            invitee.open(Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token="));
            invitee.waitForText("Accept your invitation");
            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("Signed in to the portal as " + email);
            invitee.see("signed-in-in-the-portal");
        }
    }

    @Test
    void withoutAnInvitationTheRegistrationPageRefusesAndTheLoginPageOffersNoSignUp() {
        try (Browser stranger = Browser.start("registration-without-invitation")) {
            stranger.open(demo.getBaseUrl() + "/protocol/openid-connect/registrations?client_id=account"
                    + "&response_type=code&scope=openid&redirect_uri=" + demo.getBaseUrl() + "/account/");
            stranger.waitForText("by invitation only");
            stranger.seeRefusal("registration-refused");
            assertTrue(stranger.findAll(By.name("password")).isEmpty(), "no registration form");

            stranger.open(DemoRealm.loginPageUrl(demo));
            stranger.waitForText("Sign in to your account");
            stranger.see("login-page");
            assertFalse(stranger.find(By.tagName("body")).getText().contains("Register"), "no sign-up offered");
        }
    }

    @Test
    void theInvitedAddressCannotBeSwappedForAnother() {
        String email = Invitations.newEmail();
        String other = Invitations.newEmail();
        invitations().invite(email, List.of());

        try (Browser invitee = Browser.start("invitation-address-swapped")) {
            invitee.open(Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token="));
            invitee.waitForText("Accept your invitation");
            // Read-only in the page; a person who removes that still cannot sign up with another address.
            invitee.executeScript("document.getElementById('email').readOnly = false");
            invitee.type("email", other);
            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("different email address");
            invitee.see("other-address-refused");
        }
        assertEquals(List.of(), demo.admin().users().searchByEmail(other, true));
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));
        assertEquals("PENDING", Http.get(invitations().url() + "?email=" + email, invitations().directorToken())
                .json().get(0).get("status").asText());
    }

    @Test
    void aLinkMailedByAnEarlierVersionStillOpensTheForm() {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of());
        String token = Mailbox.invitationToken(Mailbox.waitFor(mail, email, 1));

        try (Browser invitee = Browser.start("invitation-earlier-link")) {
            // What links looked like before they went through invitations/sign-up.
            invitee.open(demo.getBaseUrl() + "/protocol/openid-connect/registrations?client_id=account&response_type=code"
                    + "&scope=openid&redirect_uri=" + demo.getBaseUrl() + "/account/&invitation=" + token);
            invitee.waitForText("Accept your invitation");
            invitee.see("registration-form");
            assertEquals(email, invitee.field("email").getAttribute("value"));
        }
    }

    @Test
    void aLinkWhoseInvitationWasRevokedSaysSoWithoutAForm() {
        String email = Invitations.newEmail();
        String id = invitations().invite(email, List.of()).json().get("id").asText();
        String link = Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token=");
        assertEquals(204, Http.delete(invitations().url() + "/" + id, invitations().directorToken()).status());

        try (Browser invitee = Browser.start("invitation-revoked")) {
            invitee.open(link);
            invitee.waitForText("withdrawn");
            invitee.seeRefusal("revoked");
            assertTrue(invitee.findAll(By.name("password")).isEmpty(), "no form on the page of a withdrawn invitation");
        }
    }

    @Test
    void afterAResendTheOldRegistrationPageAndTheFormItOpenedStopWorking() {
        String email = Invitations.newEmail();
        String id = invitations().invite(email, List.of("director")).json().get("id").asText();
        String link = Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token=");

        try (Browser invitee = Browser.start("invitation-resent")) {
            invitee.open(link);
            invitee.waitForText("Accept your invitation");
            invitee.see("registration-form-before-resend");
            String registrationPage = invitee.url();
            assertTrue(registrationPage.contains("invitation="), registrationPage);

            Http.Reply resent = Http.postJson(invitations().url() + "/" + id + "/resend", invitations().directorToken(), "");
            assertEquals(200, resent.status(), resent::toString);

            // The form that was open: its login session holds the invitation as claimed with the old token.
            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("This invitation link is not valid");
            invitee.seeRefusal("open-form-refused-after-resend");
            assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));

            // The registration URL the old link handed out: its ticket was minted from the old token.
            invitee.open(registrationPage);
            invitee.waitForText("This invitation link is not valid");
            invitee.seeRefusal("old-registration-page-after-resend");
            assertTrue(invitee.findAll(By.name("password")).isEmpty(), "no form on the old registration page");

            invitee.open(Mailbox.link(Mailbox.waitFor(mail, email, 2), "/invitations/sign-up?token="));
            invitee.waitForText("Accept your invitation");
            fillAndSubmit(invitee, PASSWORD);
            invitee.waitForText("Personal info");
            invitee.see("signed-up-with-the-new-link");
        }
        assertEquals("ACCEPTED", invitations().get(invitations().directorToken(), id).json().get("status").asText());
    }

    @Test
    void aRedirectUriItsClientNoLongerAllowsLandsTheInviteeOnTheClientsBaseUrl() {
        try (Invitations.AppClient client = invitations().newClient(List.of("https://app.example.org/*"), DemoApps.SPA)) {
            String email = invite(client.clientId(), "https://app.example.org/welcome");
            // Since the invitation was made, the client lets Keycloak redirect anywhere: that must not carry it off-site.
            client.redirectUris(List.of("*"));

            try (Browser invitee = Browser.start("invitation-redirect-no-longer-allowed")) {
                invitee.open(Mailbox.link(Mailbox.waitFor(mail, email, 1), "/invitations/sign-up?token="));
                invitee.waitForText("Accept your invitation");
                fillAndSubmit(invitee, PASSWORD);
                invitee.waitForText("Signed in to the demo app as " + email);
                invitee.see("landed-on-the-clients-base-url");
                assertTrue(invitee.url().startsWith(DemoApps.SPA), invitee.url());
            }
        }
    }

    private String invite(String clientId, String redirectUri) {
        String email = Invitations.newEmail();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("firstName", "Ivy");
        body.put("clientId", clientId);
        body.put("redirectUri", redirectUri);
        Http.Reply created = invitations().create(invitations().directorToken(), body);
        assertEquals(201, created.status(), created.toString());
        return email;
    }

    private static void fillAndSubmit(Browser invitee, String password) {
        invitee.type("lastName", "Invitee");
        invitee.type("password", password);
        invitee.type("password-confirm", password);
        invitee.submit();
    }
}
