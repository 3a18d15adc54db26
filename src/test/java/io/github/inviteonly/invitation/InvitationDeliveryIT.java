package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.MailServerDown;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.SilentMailServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** What the invitee receives: the email's words and language, and how its delivery is recorded after the commit. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationDeliveryIT extends InvitationFixture {

    @Test
    void theInvitationEmailNamesTheInviterTheRealmAndTheExpiry() throws Exception {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of());

        var message = Mailbox.waitFor(mail, email, 1);
        String text = Mailbox.text(message);

        assertTrue(message.getSubject().contains("Invite-only demo"), message.getSubject());
        assertTrue(text.contains("Dave Director"), text);
        assertTrue(text.contains("expires"), text);
        assertTrue(Mailbox.link(message, "/invite-only/invitations/sign-up").contains("token="), text);
    }

    @Test
    void theInvitationEmailCanBeRewordedInRealmLocalization() throws Exception {
        String key = "inviteOnlyInvitationSubject";
        demo.admin().localization().saveRealmLocalizationText("en", key, "Join us at {0}");
        try {
            String email = Invitations.newEmail();
            invitations().invite(email, List.of());

            assertEquals("Join us at Invite-only demo", Mailbox.waitFor(mail, email, 1).getSubject());
        } finally {
            demo.admin().localization().deleteRealmLocalizationText("en", key);
        }
    }

    @Test
    void germanInvitationsAreWrittenInGerman() throws Exception {
        String email = Invitations.newEmail();
        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", email, "locale", "de"));
        assertEquals(201, reply.status(), reply::toString);

        var message = Mailbox.waitFor(mail, email, 1);

        assertTrue(message.getSubject().startsWith("Einladung"), message.getSubject());
    }

    @Test
    void bulkAnswersBeforeTheMailServerAndRecordsEachDeliveryAsItsEmailGoesOut() {
        List<String> emails = IntStream.range(0, 12).mapToObj(i -> Invitations.newEmail()).toList();
        Map<String, Object> body = Map.of("invitations", emails.stream().map(email -> Map.of("email", email)).toList());

        Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(), body);

        assertEquals(200, reply.status(), reply::toString);
        for (JsonNode result : reply.json().get("results")) {
            assertEquals("PENDING", result.get("invitation").get("emailDelivery").asText(), result::toString);
        }
        for (String email : emails) {
            String token = invitations().tokenFromMail(mail, email, 1);
            Eventually.until("the delivery of " + email + " recorded", () -> listed(email).get("emailDelivery").asText(),
                    "SENT"::equals);
            assertEquals(1, Mailbox.to(mail, email).size(), "one email per invitation");
            assertEquals(200, invitations().lookup(token).status(), "the mailed link works");
        }
    }

    @Test
    void aBulkInvitationWhoseEmailFailedIsRecordedSoAndResendingDeliversAWorkingLink() {
        String email = Invitations.newEmail();
        String id;
        try (MailServerDown down = new MailServerDown(demo)) {
            Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(),
                    Map.of("invitations", List.of(Map.of("email", email))));
            id = reply.json().get("results").get(0).get("invitation").get("id").asText();
            Eventually.until("the failed delivery recorded", () -> listed(email).get("emailDelivery").asText(), "FAILED"::equals);
        }

        Http.Reply resent = Http.postJson(invitations().url() + "/" + id + "/resend", invitations().directorToken(), "");

        assertEquals("SENT", resent.json().get("emailDelivery").asText(), resent::toString);
        assertEquals(200, invitations().lookup(invitations().tokenFromMail(mail, email, 1)).status());
    }

    @Test
    void anInvitationEmailLeftPendingIsSentAgainByTheSweepOnceWithANewLinkButNotAFailedOneOrOneWhoseAddressGotAnAccount()
            throws Exception {
        String failedEmail = Invitations.newEmail();
        String failed;
        try (MailServerDown down = new MailServerDown(demo)) {
            failed = bulkInvite(failedEmail);
            Eventually.until("the failed delivery recorded", () -> listed(failedEmail).get("emailDelivery").asText(), "FAILED"::equals);
        }
        String pendingEmail = Invitations.newEmail();
        String takenEmail = Invitations.newEmail();
        try (SilentMailServer silent = new SilentMailServer()) {
            String pending;
            try (MailServerDown silenced = new MailServerDown(demo, silent.port())) {
                pending = bulkInvite(pendingEmail);
                bulkInvite(takenEmail);
                silent.awaitSends(2);
            }
            // Meanwhile someone gets an account with the second address (e.g. an admin creates it).
            UserRepresentation taken = new UserRepresentation();
            taken.setUsername(takenEmail);
            taken.setEmail(takenEmail);
            taken.setFirstName("Tak");
            taken.setLastName("En");
            taken.setEnabled(true);
            try (Response created = demo.admin().users().create(taken)) {
                assertEquals(201, created.getStatus());
            }
            long firstExpiry = listed(pendingEmail).get("expiresAt").asLong();

            // The admin finds what is not sent yet, and what could not be sent.
            assertEquals(List.of(pending), ids("?emailDelivery=PENDING&search=" + pendingEmail));
            assertEquals(List.of(failed), ids("?emailDelivery=failed&email=" + failedEmail));
            assertEquals(List.of(), ids("?emailDelivery=SENT&email=" + failedEmail));
            assertEquals("1", Http.get(invitations().url() + "/count?emailDelivery=PENDING&email=" + pendingEmail,
                    invitations().directorToken()).raw().body());
            assertEquals(1, Http.get(invitations().url() + "/counts?emailDelivery=FAILED&email=" + failedEmail,
                    invitations().directorToken()).json().get("PENDING").asInt());

            // Left PENDING longer than the realm allows: the sweep sends it again, with a new link that
            // works as long from now as the first did from its posting.
            demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.EMAIL_RESEND_PENDING_AFTER, "2"));
            var message = Mailbox.waitFor(mail, pendingEmail, 1);
            assertTrue(Mailbox.text(message).contains("This email replaces any earlier one"), Mailbox.text(message));
            Eventually.until("the sweep's delivery recorded", () -> listed(pendingEmail).get("emailDelivery").asText(), "SENT"::equals);
            assertTrue(listed(pendingEmail).get("expiresAt").asLong() > firstExpiry, "the wait is added to the expiry");

            // Once: the first attempt gives up later and changes nothing.
            silent.awaitGivenUp();
        }
        Thread.sleep(3000); // more than one round of the sweep with the short setting
        assertEquals(1, Mailbox.to(mail, pendingEmail).size(), "sent again once");
        assertEquals("SENT", listed(pendingEmail).get("emailDelivery").asText());
        assertEquals(200, invitations().lookup(Mailbox.invitationToken(Mailbox.waitFor(mail, pendingEmail, 1))).status(),
                "the new link works");
        // What the invitee sees on clicking the email that was sent again: the registration page for that address.
        try (Browser invitee = Browser.start("invitation-sent-again")) {
            invitee.open(Mailbox.link(Mailbox.waitFor(mail, pendingEmail, 1), "/invitations/sign-up?token="));
            invitee.waitForText("Accept your invitation");
            invitee.see("registration-form");
            assertEquals(pendingEmail, invitee.field("email").getAttribute("value"));
        }
        assertEquals(0, Mailbox.to(mail, failedEmail).size(), "a FAILED email is not the sweep's: the admin resends it");
        assertEquals(0, Mailbox.to(mail, takenEmail).size(), "no new link to an address that has an account now");
        assertEquals("FAILED", listed(takenEmail).get("emailDelivery").asText(), "left to an admin, who finds it as FAILED");
        assertEquals("FAILED", listed(failedEmail).get("emailDelivery").asText());
    }

    @Test
    void anUnknownEmailDeliveryFilterIsABadRequestNamingIt() {
        Http.Reply reply = Http.get(invitations().url() + "?emailDelivery=LOST", invitations().directorToken());

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("emailDelivery", reply.json().get("field").asText(), reply::toString);
    }

    /** A one-item bulk call: it answers before the email goes out. The invitation's id. */
    private String bulkInvite(String email) {
        Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(),
                Map.of("invitations", List.of(Map.of("email", email))));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().get("results").get(0).get("invitation").get("id").asText();
    }

    private List<String> ids(String query) {
        JsonNode list = Http.get(invitations().url() + query, invitations().directorToken()).json();
        return StreamSupport.stream(list.spliterator(), false).map(invitation -> invitation.get("id").asText()).toList();
    }

    private JsonNode listed(String email) {
        return Http.get(invitations().url() + "?email=" + email, invitations().directorToken()).json().get(0);
    }
}
